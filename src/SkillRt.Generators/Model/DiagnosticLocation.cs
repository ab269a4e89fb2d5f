using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SkillRt.Generators;

/// <summary>A place in a SKILL.md as plain values, so models stay equatable and hold no <see cref="Location"/>.</summary>
internal readonly record struct DiagnosticLocation(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);
}
