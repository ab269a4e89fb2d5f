using System;
using System.Text.RegularExpressions;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Injection;

/// <summary>
/// SKILLSEC0303: instructions or code that send secrets somewhere: a sentence pairing a verb of sending
/// (send, post, upload, forward, exfiltrate…) with credentials (secrets, tokens, API keys, passwords,
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

    private static readonly Regex SendWord = ScanRegex.Create(@"\b(?:send|post|upload|exfiltrate|transmit|forward|leak|email|submit|pipe|curl|wget|beacon)", RegexOptions.IgnoreCase);

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
                if (!SendWord.IsMatch(window) || !Destination.IsMatch(window))
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
                context.Report(Descriptor, "Sends " + Evidence.Escape(secret.Value, 40) + " to a remote destination (a verb of sending and a destination on the same line)", file.Path, line, Evidence.Around(file.Text, index, secret.Length));
                if (!context.Wants(Descriptor, file.Path))
                {
                    return;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            context.Report(Descriptor, "The file could not be checked in time; review it by hand", file.Path);
        }
    }
}
