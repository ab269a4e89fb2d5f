using Microsoft.CodeAnalysis;

namespace SkillRt.Generators;

/// <summary>
/// A diagnostic as pipeline data: plain values only (no <see cref="Location"/>), so the model stays
/// equatable and no syntax tree or compilation is kept alive between runs.
/// </summary>
internal sealed record DiagnosticSpec(string Id, string Message, DiagnosticLocation Location)
{
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(SkillDiagnosticDescriptorMap.Get(Id), Location.ToLocation(), Message);
}
