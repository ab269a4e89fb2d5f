using System.Collections.Generic;

namespace SkillRt;

/// <summary>
/// An agent-doc (an API's or library's documentation written for agents, <c>spec/AGENT-DOC-SPEC.md</c>)
/// a skill reads while it runs, with the versions it accepts and, optionally, the operations it uses.
/// </summary>
public sealed class SkillAgentDocDependency
{
    /// <summary>The agent-doc's name, its <c>identity.name</c>: <c>resend</c>.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The versions accepted; <see cref="SkillVersionRange.Any"/> when none was written.</summary>
    public SkillVersionRange Range { get; init; } = SkillVersionRange.Any;

    /// <summary>The operation IDs the skill uses (the <c>operations</c> of the mapping form); empty when not listed.</summary>
    public IReadOnlyList<string> Operations { get; init; } = [];

    /// <summary>
    /// Where each of <see cref="Operations"/> is written, in the same order, so the build can put an unknown
    /// operation ID's error on its line. Internal: only the generator needs it.
    /// </summary>
    internal IReadOnlyList<SourceSpan> OperationSpans { get; init; } = [];

    /// <summary>Where the dependency is declared.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>The document and range as written: <c>name</c> or <c>name@range</c>.</summary>
    public override string ToString() => ReferenceEquals(Range, SkillVersionRange.Any) ? Name : Name + "@" + Range.Text;
}
