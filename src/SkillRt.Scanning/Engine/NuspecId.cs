using System.Text;
using System.Text.RegularExpressions;

namespace SkillRt.Scanning.Engine;

/// <summary>
/// The package ID from a nuspec, by a bounded pattern rather than an XML parser: the scanner must not
/// resolve entities or DTDs in a file an attacker wrote, and needs only this one element.
/// </summary>
internal static class NuspecId
{
    private static readonly Regex IdElement = ScanRegex.Create(@"<(?:\w+:)?id>\s*([^<\s]{1,200})\s*</(?:\w+:)?id>");

    public static string? Read(byte[] nuspec)
    {
        var text = Encoding.UTF8.GetString(nuspec, 0, System.Math.Min(nuspec.Length, 64 * 1024));
        try
        {
            var match = IdElement.Match(text);
            return match.Success ? match.Groups[1].Value : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }
}
