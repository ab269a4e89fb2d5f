using System.Collections.Generic;

namespace SkillRt;

/// <summary>
/// Everything known about a skill without parsing its file again: identity, instructions, the
/// JSON Schemas of its input and output, what it depends on and what it may do. The source
/// generator emits one per SKILL.md as <c>{Skill}Skill.Descriptor</c>.
/// </summary>
public sealed class SkillDescriptor
{
    /// <summary>The skill's name (<c>pr-review</c>); for a prose skill, its folder's name.</summary>
    public required string Name { get; init; }

    /// <summary>The declared version, when there is one.</summary>
    public SemanticVersion? Version { get; init; }

    /// <summary>What the skill does and when to use it.</summary>
    public string? Description { get; init; }

    /// <summary>Whether the file has frontmatter.</summary>
    public SkillMode Mode { get; init; } = SkillMode.Structured;

    /// <summary>The Markdown body: the instructions, still a template when the skill has inputs.</summary>
    public required string Instructions { get; init; }

    /// <summary>The one-based SKILL.md line the instructions start on, so template errors can point at the file.</summary>
    public int InstructionsLine { get; init; } = 1;

    /// <summary>
    /// Whether <see cref="Instructions"/> is a Liquid template over the inputs: true when the
    /// frontmatter has an <c>inputs</c> key, even an empty one. Otherwise the instructions are used
    /// verbatim and the run's input is the task in words.
    /// </summary>
    public bool IsTemplate { get; init; }

    /// <summary>
    /// The JSON Schema of the input object: one property per declared input, required ones listed in
    /// <c>required</c>, no other properties allowed.
    /// </summary>
    public string InputSchema { get; init; } = """{"type":"object","properties":{},"additionalProperties":false}""";

    /// <summary>What the skill produces.</summary>
    public SkillOutputType OutputType { get; init; }

    /// <summary>The JSON Schema of a <see cref="SkillOutputType.Json"/> output, when one is declared.</summary>
    public string? OutputSchema { get; init; }

    /// <summary>How the skill runs.</summary>
    public SkillRuntime Runtime { get; init; } = SkillRuntime.Default;

    /// <summary>Skills, MCP servers and command-line tools that must be available before the skill runs.</summary>
    public SkillDependencies Dependencies { get; init; } = SkillDependencies.None;

    /// <summary>What the skill may reach: hosts, paths and environment variables.</summary>
    public SkillPermissions Permissions { get; init; } = SkillPermissions.None;

    /// <summary>The memory kinds the skill defines and the namespaces it may read and write; nothing unless declared.</summary>
    public SkillMemory Memory { get; init; } = SkillMemory.None;

    /// <summary>Free-form labels for search and grouping.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The SKILL.md the descriptor was generated from, relative to the project when it is inside it.</summary>
    public string? SourcePath { get; init; }

    /// <summary>
    /// The folder holding SKILL.md and its <c>scripts/</c>, <c>references/</c> and <c>assets/</c>, as
    /// an absolute path, when it is known at run time (skills loaded from disk). For generated skills
    /// it is <see langword="null"/> and the runner looks for <see cref="SourcePath"/>'s folder under
    /// the application's base directory and the working directory.
    /// </summary>
    public string? Directory { get; init; }

    /// <summary>
    /// The SHA-256 of the SKILL.md text encoded as UTF-8 without a byte order mark, as lowercase
    /// hex; two descriptors with the same hash came from the same text.
    /// </summary>
    public string? ContentSha256 { get; init; }

    /// <inheritdoc />
    public override string ToString() => Version is null ? Name : Name + "@" + Version;
}
