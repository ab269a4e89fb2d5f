using System;
using System.Text.RegularExpressions;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Secrets;

/// <summary>
/// SKILLSEC0402: an access token in a format that names its issuer: AWS access key IDs (<c>AKIA…</c>,
/// <c>ASIA…</c>), GitHub tokens (<c>ghp_</c>, <c>gho_</c>, <c>ghu_</c>, <c>ghs_</c>, <c>ghr_</c>,
/// <c>github_pat_</c>), Slack tokens (<c>xoxb-</c>, <c>xoxp-</c>…) and webhooks, OpenAI and Anthropic keys
/// (<c>sk-…</c>, <c>sk-proj-…</c>, <c>sk-ant-…</c>), SkillRt API keys (<c>skr_</c>), Google API keys
/// (<c>AIza…</c>), Stripe live keys, npm, PyPI, Hugging Face and NuGet keys. Placeholders
/// (<c>EXAMPLE</c>, <c>xxxx</c>, <c>&lt;your-token&gt;</c>, one repeated character) are not reported.
/// </summary>
internal sealed class KnownTokenRule : IFileRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0402",
        ScanSeverity.Critical,
        "Access token or API key",
        "Remove the token and revoke it with its issuer (it is public now); have the skill read it from a variable declared under `permissions: env:`");

    private static readonly (string Issuer, Regex Pattern)[] Tokens =
    [
        ("AWS access key ID", Token(@"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[0-9A-Z]{16}\b")),
        ("GitHub token", Token(@"\bgh[pousr]_[A-Za-z0-9]{36,255}\b")),
        ("GitHub fine-grained token", Token(@"\bgithub_pat_[A-Za-z0-9_]{22,255}\b")),
        ("Slack token", Token(@"\bxox[abposre]-[A-Za-z0-9-]{10,200}")),
        ("Slack webhook", Token(@"https://hooks\.slack\.com/services/T[A-Za-z0-9_]{6,}/B[A-Za-z0-9_]{6,}/[A-Za-z0-9_]{16,}")),
        ("Anthropic API key", Token(@"\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{40,}")),
        ("OpenAI API key", Token(@"\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}\b")),
        ("SkillRt API key", Token(@"\bskr_[A-Za-z0-9_-]{40,}")),
        ("Google API key", Token(@"\bAIza[0-9A-Za-z_-]{35}\b")),
        ("Stripe live key", Token(@"\b(?:sk|rk)_live_[0-9A-Za-z]{24,}\b")),
        ("npm token", Token(@"\bnpm_[A-Za-z0-9]{36}\b")),
        ("PyPI token", Token(@"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}")),
        ("Hugging Face token", Token(@"\bhf_[A-Za-z0-9]{34,}\b")),
        ("NuGet API key", Token(@"\boy2[a-z0-9]{43}\b")),
    ];

    public void Check(ScannedFile file, ScanContext context)
    {
        var text = file.Text;
        if (text is null || !context.Wants(Descriptor, file.Path))
        {
            return;
        }

        foreach (var (issuer, pattern) in Tokens)
        {
            try
            {
                for (var match = pattern.Match(text); match.Success; match = match.NextMatch())
                {
                    var value = match.Value;
                    var body = value.Length > 8 ? value.Substring(value.Length / 3) : value;
                    if (SecretText.IsPlaceholder(value) || SecretText.Entropy(body) < 3.0)
                    {
                        continue;
                    }

                    // The evidence is the line with the token masked, so the report does not repeat the leak.
                    var line = file.Lines.LineOf(match.Index);
                    var lineText = file.Lines.Line(line);
                    var masked = Evidence.Escape(lineText.Replace(value, Evidence.Mask(value)).Trim());
                    context.Report(Descriptor, "The file contains what looks like a live " + issuer + " (" + Evidence.Mask(value) + ")", file.Path, line, masked);
                    if (!context.Wants(Descriptor, file.Path))
                    {
                        return;
                    }
                }
            }
            catch (RegexMatchTimeoutException)
            {
            }
        }
    }

    private static Regex Token(string pattern) => ScanRegex.Create(pattern);
}
