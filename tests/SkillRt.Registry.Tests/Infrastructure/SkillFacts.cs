using System.Collections.Generic;

namespace SkillRt.Registry.Tests;

/// <summary>
/// The skill facts a seeded version is recorded with (what publish reads from its SKILL.md files):
/// search filters and facets are computed from them.
/// </summary>
internal sealed record SkillFacts
{
    public IReadOnlyList<string> SkillNames { get; init; } = [];

    public IReadOnlyList<string> Runtimes { get; init; } = ["model"];

    public IReadOnlyList<string> Permissions { get; init; } = [];

    public IReadOnlyList<string> OutputTypes { get; init; } = ["text"];

    public IReadOnlyList<string> Inputs { get; init; } = [];

    public string ManifestJson { get; init; } = """{"skills":[]}""";
}
