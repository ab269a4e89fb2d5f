using System.Globalization;

namespace SkillRt.Signing.Minisign;

/// <summary>
/// Why a minisign key or signature file could not be read: the file (or other source) it came from, the
/// 1-based line, and what is wrong in words a person can act on.
/// </summary>
/// <param name="Source">Where the text came from: a path, or a description such as "the request's signature part".</param>
/// <param name="Line">The 1-based line the problem is on; 0 when it is about the whole text.</param>
/// <param name="Message">What is wrong and, where it helps, what to do.</param>
public sealed record MinisignFormatError(string Source, int Line, string Message)
{
    /// <summary>"source: line n: message", or "source: message" for a problem with the whole text.</summary>
    public override string ToString() =>
        Line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Source}: line {Line}: {Message}")
            : $"{Source}: {Message}";
}
