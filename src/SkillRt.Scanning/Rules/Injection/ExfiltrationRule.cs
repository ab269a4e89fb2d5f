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

    private const string Send = @"(?:send|post|upload|exfiltrate|transmit|forward|leak|email|submit|report|pipe|curl|wget|beacon)";
    private const string Secret = @"(?:secrets?|credentials?|passwords?|passwd|(?:access\s+|auth\s+|api\s+|bearer\s+)?tokens?|api[\s_-]?keys?|private\s+keys?|ssh\s+keys?|\.env\b|env(?:ironment)?\s+var(?:iable)?s|\.ssh\b|id_rsa|id_ed25519|aws_secret\w*|\.aws/credentials|\.netrc|\.git-credentials|cookies|session\s+tokens?|keychain|wallet)";
    private const string Destination = @"(?:https?://|\bwebhooks?\b|\bto\s+(?:this|the|my|our|an?|that)\s+(?:url|server|endpoint|address|host|webhook|domain|ip)\b|\b(?:\d{1,3}\.){3}\d{1,3}\b|\bngrok\b|\bpastebin\b|\brequestbin\b|\bburpcollaborator\b)";

    private static readonly Regex Pattern = new(
        @"\b" + Send + @"\b[^\n]{0,100}?\b" + Secret + @"[^\n]{0,100}?" + Destination
        + @"|\b" + Secret + @"[^\n]{0,80}?\b" + Send + @"\b[^\n]{0,80}?" + Destination
        + @"|(?:~|\$HOME|\$\{HOME\})/(?:\.ssh|\.aws/credentials|\.netrc|\.git-credentials|\.config/gh|\.docker/config\.json|\.kube/config)[^\n]{0,120}?\b(?:curl|wget|nc|ncat|Invoke-WebRequest|Invoke-RestMethod|requests\.post|fetch)\b"
        + @"|\b(?:curl|wget|Invoke-WebRequest|Invoke-RestMethod)\b[^\n]{0,160}?(?:\$\((?:printenv|env|cat\s+[^)]*(?:\.ssh|\.aws|\.netrc|\.env|id_rsa))|(?:~|\$HOME)/(?:\.ssh|\.aws/credentials|\.netrc))"
        + @"|\b(?:printenv|env)\s*\|\s*(?:curl|wget|nc|ncat)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled,
        TimeSpan.FromMilliseconds(500));

    public void Check(ScannedFile file, ScanContext context) =>
        PhraseMatcher.Report(Pattern, Descriptor, "Sends credentials to a remote destination", file, context);
}
