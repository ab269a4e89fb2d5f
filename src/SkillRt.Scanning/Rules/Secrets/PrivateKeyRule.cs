using System;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Secrets;

/// <summary>
/// SKILLSEC0401: a PEM private key block (<c>-----BEGIN … PRIVATE KEY-----</c>: RSA, EC, DSA, OpenSSH,
/// PKCS#8, encrypted PKCS#8, PGP private key blocks). A published key is a leaked key. Public keys and
/// certificates are fine and not reported.
/// </summary>
internal sealed class PrivateKeyRule : IFileRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0401",
        ScanSeverity.Critical,
        "Private key",
        "Remove the key from the skill and revoke it (it is public now); have the skill read a key from a declared environment variable instead");

    public void Check(ScannedFile file, ScanContext context)
    {
        var text = file.Text;
        if (text is null)
        {
            return;
        }

        var index = 0;
        while ((index = text.IndexOf("-----BEGIN ", index, StringComparison.Ordinal)) >= 0 && context.Wants(Descriptor, file.Path))
        {
            var lineEnd = text.IndexOf('\n', index);
            var header = text.Substring(index, (lineEnd < 0 ? text.Length : lineEnd) - index).TrimEnd('\r');
            var isPrivate = header.IndexOf("PRIVATE KEY", StringComparison.Ordinal) >= 0 && header.EndsWith("-----", StringComparison.Ordinal);

            // A template line such as "-----BEGIN RSA PRIVATE KEY-----\n...\n" with no key body is documentation.
            if (isPrivate && HasKeyBody(text, lineEnd))
            {
                context.Report(Descriptor, "The file contains a private key (" + Evidence.Escape(header.Trim('-').Substring("BEGIN ".Length), 60) + ")", file.Path, file.Lines.LineOf(index), Evidence.Escape(header, 80));
            }

            index += 11;
        }
    }

    // At least one line of base64 (40+ characters of the alphabet) right after the header, or after the
    // "Proc-Type"/"DEK-Info" headers of an encrypted legacy PEM.
    private static bool HasKeyBody(string text, int lineEnd)
    {
        if (lineEnd < 0)
        {
            return false;
        }

        var position = lineEnd + 1;
        for (var line = 0; line < 4 && position < text.Length; line++)
        {
            var next = text.IndexOf('\n', position);
            var content = text.Substring(position, (next < 0 ? text.Length : next) - position).Trim();
            var base64 = 0;
            foreach (var c in content)
            {
                if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/' or '=')
                {
                    base64++;
                }
            }

            if (content.Length >= 40 && base64 == content.Length)
            {
                return true;
            }

            if (next < 0)
            {
                break;
            }

            position = next + 1;
        }

        return false;
    }
}
