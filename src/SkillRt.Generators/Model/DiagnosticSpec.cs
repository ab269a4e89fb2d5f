using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SkillRt.Generators;

/// <summary>
/// A diagnostic as pipeline data: plain values only (no <see cref="Location"/>), so the model stays
/// equatable and no syntax tree or compilation is kept alive between runs. It carries the message's
/// arguments, not the message: Roslyn formats them with the descriptor's message format, as it does
/// for the platform's own analyzers. <paramref name="PackageNote"/> is appended to an error in a
/// packaged skill, saying which package to blame.
/// </summary>
internal sealed record DiagnosticSpec(string Id, EquatableArray<string> Arguments, DiagnosticLocation Location, string? PackageNote = null)
{
    /// <summary>The diagnostic the validator reported, located in the compilation's text.</summary>
    public static DiagnosticSpec From(SkillDiagnostic diagnostic, DiagnosticLocation location) =>
        new(diagnostic.Id, new EquatableArray<string>(diagnostic.Arguments.ToImmutableArray()), location);

    /// <summary>One of the generator's own diagnostics, with the arguments its message format takes.</summary>
    public static DiagnosticSpec Create(DiagnosticDescriptor descriptor, DiagnosticLocation location, params string[] arguments) =>
        new(descriptor.Id, new EquatableArray<string>(arguments.ToImmutableArray()), location);

    public Diagnostic ToDiagnostic()
    {
        var arguments = Arguments.Cast<object?>();
        return PackageNote is null
            ? Diagnostic.Create(SkillDiagnosticDescriptorMap.Get(Id), Location.ToLocation(), arguments.ToArray())
            : Diagnostic.Create(SkillDiagnosticDescriptorMap.GetPackaged(Id, Arguments.Count), Location.ToLocation(), arguments.Append(PackageNote).ToArray());
    }
}
