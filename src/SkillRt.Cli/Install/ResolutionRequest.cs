namespace SkillRt.Cli.Install;

/// <summary>A skill the user asks resolution for: the root of a dependency graph.</summary>
/// <param name="Name">The skill's name.</param>
/// <param name="Range">The versions accepted; <see langword="null"/> for any (the highest stable, or the highest pre-release when there is no stable version).</param>
/// <param name="RangeText">The range as written, for the conflict report.</param>
internal sealed record ResolutionRequest(string Name, SkillVersionRange? Range, string? RangeText)
{
    public override string ToString() => RangeText is null ? Name : $"{Name}@{RangeText}";
}
