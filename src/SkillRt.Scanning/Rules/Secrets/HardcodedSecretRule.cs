using System;
using System.Text.RegularExpressions;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Secrets;

/// <summary>
/// SKILLSEC0403: a value that looks random assigned to a name that says it is secret
/// (<c>API_KEY = "…"</c>, <c>client_secret: …</c>, <c>"password": "…"</c>). Reported only when the value is
/// at least 16 characters, mixes letters and digits, has high entropy (≥ 3.5 bits a character), and
/// is not a placeholder or a reference (<c>$VAR</c>, <c>os.environ</c>, <c>${{ secrets.X }}</c>).
/// </summary>
internal sealed class HardcodedSecretRule : IFileRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0403",
        ScanSeverity.Medium,
        "Hard-coded secret",
        "Remove the value and rotate it; read it at run time from a variable declared under `permissions: env:`");

    private static readonly Regex Assignment = ScanRegex.Create(
        @"\b([A-Za-z0-9_.-]{0,40}(?:api[_-]?key|apikey|secret|token|passw(?:or)?d|pwd|private[_-]?key|access[_-]?key|auth[_-]?token|authorization|credentials?|client[_-]?secret|bearer)[A-Za-z0-9_]{0,20})['""]?\s*(?::=|=|:|=>)\s*['""]?([A-Za-z0-9+/_=.~-]{16,200})['""]?",
        RegexOptions.IgnoreCase);

    public void Check(ScannedFile file, ScanContext context)
    {
        var text = file.Text;
        if (text is null || !context.Wants(Descriptor, file.Path))
        {
            return;
        }

        try
        {
            for (var match = Assignment.Match(text); match.Success; match = match.NextMatch())
            {
                var value = match.Groups[2].Value.TrimEnd('.', '=');
                if (value.Length < 16 || !SecretText.HasLettersAndDigits(value) || SecretText.IsPlaceholder(value) || SecretText.Entropy(value) < 3.5
                    || value.IndexOf('/') >= 0 && value.IndexOf("://", StringComparison.Ordinal) < 0 && value.Split('/').Length > 3)
                {
                    continue;
                }

                var line = file.Lines.LineOf(match.Index);
                var masked = Evidence.Escape(file.Lines.Line(line).Replace(value, Evidence.Mask(value)).Trim());
                context.Report(Descriptor, "The value of " + Evidence.Escape(match.Groups[1].Value, 60) + " looks like a real secret (" + Evidence.Mask(value) + ")", file.Path, line, masked);
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
