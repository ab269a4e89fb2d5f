using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SkillRt.Generators;

/// <summary>
/// A diagnostic as pipeline data: plain values only (no <see cref="Location"/>), so the model stays
/// equatable and no syntax tree or compilation is kept alive between runs.
/// </summary>
internal sealed record DiagnosticSpec(string Id, string Message, string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(SkillDiagnosticDescriptorMap.Get(Id), Location.Create(FilePath, TextSpan, LineSpan), Message);
}
