using System;
using System.Text.RegularExpressions;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Injection;

/// <summary>
/// SKILLSEC0303: instructions or code that send secrets somewhere: a sentence pairing a verb of sending
/// (send, post, upload, forward, exfiltrate…, as whole words) with credentials (secrets, tokens, API keys, passwords,
/// SSH keys, <c>.env</c>, environment variables) and a destination (a URL, a webhook, "this server"); or a
/// command line that reads a credential store (<c>~/.ssh</c>, <c>~/.aws/credentials</c>, <c>.netrc</c>,
/// <c>printenv</c>) and pipes it to the network. This is the payload most malicious skills exist for.
/// </summary>
internal sealed class ExfiltrationRule : IFileRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0303",
        ScanSeverity.Critical,
        "Sends secrets or credentials to a remote destination",
        "Remove it: a skill must never move credentials off the machine; if it needs a token, declare it under `permissions: env:` and send it only to the service it belongs to");

    // Whole words only, in the forms a verb takes: "Emails" (a heading), "Postgres" and "pipeline" are not sending.
    // The -s forms of "email" and "post" are left out: in documentation they are nearly always nouns ("List emails").
    private static readonly Regex SendWord = ScanRegex.Create(
        @"\b(?:send(?:s|ing)?|post(?:ed|ing)?|upload(?:s|ed|ing)?|exfiltrat(?:e|es|ed|ing)|transmit(?:s|ted|ting)?|forward(?:s|ed|ing)?|leak(?:s|ed|ing)?|e-?mail(?:ed|ing)?|submit(?:s|ted|ting)?|pip(?:e|es|ed|ing)|curl|wget|beacon(?:s|ed|ing)?)\b",
        RegexOptions.IgnoreCase);

    private static readonly Regex SecretWord = ScanRegex.Create(
        @"\b(?:secrets?|credentials?|passwords?|passwd|tokens?|api[\s_-]?keys?|private\s+keys?|ssh\s+keys?|env(?:ironment)?\s+var(?:iable)?s|id_rsa|id_ed25519|aws_secret\w*|cookies|keychain|wallet)\b|\.env\b|\.ssh\b|\.aws/credentials|\.netrc|\.git-credentials",
        RegexOptions.IgnoreCase);

    private static readonly Regex Destination = ScanRegex.Create(
        @"https?://|\bwebhooks?\b|\bto\s+(?:this|the|my|our|an?|that)\s+(?:url|server|endpoint|address|host|webhook|domain|ip)\b|\b(?:\d{1,3}\.){3}\d{1,3}\b|\bngrok\b|\bpastebin\b|\brequestbin\b|\bburpcollaborator\b",
        RegexOptions.IgnoreCase);

    // A credential store read and handed to a network command on one line (either order), or the environment piped out.
    private static readonly Regex CodePattern = ScanRegex.Create(
        @"(?:~|\$HOME|\$\{HOME\})/(?:\.ssh|\.aws/credentials|\.netrc|\.git-credentials|\.config/gh|\.docker/config\.json|\.kube/config)[^\n]{0,120}?\b(?:curl|wget|nc|ncat|Invoke-WebRequest|Invoke-RestMethod|requests\.post|fetch)\b"
        + @"|\b(?:curl|wget|Invoke-WebRequest|Invoke-RestMethod)\b[^\n]{0,160}?(?:\$\((?:printenv|env|cat\s[^)\n]{0,80}(?:\.ssh|\.aws|\.netrc|\.env|id_rsa))|(?:~|\$HOME)/(?:\.ssh|\.aws/credentials|\.netrc))"
        + @"|\b(?:printenv|env)\s*\|\s*(?:curl|wget|nc|ncat)\b",
        RegexOptions.IgnoreCase);

    private const int Window = 120;

    // Words after which a "send" word is a noun: "the email platform", "a pipe", "your upload".
    private static readonly string[] Determiners = ["a", "an", "the", "this", "that", "these", "those", "your", "our", "their", "its", "my", "his", "her", "each", "every", "any", "no", "per", "of"];

    /// <summary>
    /// Whether <paramref name="window"/> has a send word used as a verb: whole words in a verb's forms
    /// (<see cref="SendWord"/>), and not right after a determiner, where it is a noun. The engine has no
    /// lookbehind, so the word before is looked at here.
    /// </summary>
    private static bool HasVerbOfSending(string window)
    {
        for (var word = SendWord.Match(window); word.Success; word = word.NextMatch())
        {
            var end = word.Index;
            while (end > 0 && window[end - 1] is ' ' or '\t')
            {
                end--;
            }

            var start = end;
            while (start > 0 && char.IsLetter(window[start - 1]))
            {
                start--;
            }

            var previous = window.Substring(start, end - start);
            if (Array.FindIndex(Determiners, d => string.Equals(d, previous, StringComparison.OrdinalIgnoreCase)) < 0)
            {
                return true;
            }
        }

        return false;
    }

    public void Check(ScannedFile file, ScanContext context)
    {
        PhraseMatcher.Report(CodePattern, Descriptor, "Sends credentials to a remote destination", file, context);
        if (file.Text is null || !context.Wants(Descriptor, file.Path))
        {
            return;
        }

        // Prose: a credential word with a verb of sending and a destination near it on the same line.
        // Each credential word looks at a bounded window, so the cost is linear in the text.
        var visible = PhraseMatcher.Visible(file.Text, out var map);
        try
        {
            var lastLine = 0;
            for (var secret = SecretWord.Match(visible); secret.Success; secret = secret.NextMatch())
            {
                var lineStart = visible.LastIndexOf('\n', System.Math.Max(0, secret.Index - 1)) + 1;
                var lineEnd = visible.IndexOf('\n', secret.Index);
                lineEnd = lineEnd < 0 ? visible.Length : lineEnd;
                var from = System.Math.Max(lineStart, secret.Index - Window);
                var to = System.Math.Min(lineEnd, secret.Index + secret.Length + Window);
                var window = visible.Substring(from, to - from);
                if (!HasVerbOfSending(window) || !Destination.IsMatch(window))
                {
                    continue;
                }

                var index = map is null ? secret.Index : map[secret.Index];
                var line = file.Lines.LineOf(index);
                if (line == lastLine)
                {
                    continue;
                }

                lastLine = line;
                if (!context.Wants(Descriptor, file.Path))
                {
                    context.Sink.NoteMore();
                    return;
                }

                context.Report(Descriptor, "Sends " + Evidence.Escape(secret.Value, 40) + " to a remote destination (a verb of sending and a destination on the same line)", file.Path, line, Evidence.Around(file.Text, index, secret.Length));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            context.Report(Descriptor, "The file could not be checked in time; review it by hand", file.Path);
        }
    }
}
