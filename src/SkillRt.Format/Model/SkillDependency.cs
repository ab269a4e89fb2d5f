namespace SkillRt;

/// <summary>Another skill this skill uses, with the versions it accepts.</summary>
public sealed class SkillDependency
{
    /// <summary>The skill's name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The versions accepted; <see cref="SkillVersionRange.Any"/> when none was written.</summary>
    public SkillVersionRange Range { get; init; } = SkillVersionRange.Any;

    /// <summary>Where the dependency is declared.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>The dependency as written: <c>name</c> or <c>name@range</c> (including <c>name@*</c>).</summary>
    public override string ToString() => ReferenceEquals(Range, SkillVersionRange.Any) ? Name : Name + "@" + Range.Text;
}
