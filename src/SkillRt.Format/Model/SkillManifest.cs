using System.Collections.Generic;

namespace SkillRt;

/// <summary>
/// The typed view of a skill's frontmatter, as bound by the validator. Fields that are missing hold
/// their defaults; invalid values are dropped, except <see cref="Name"/> and <see cref="Description"/>,
/// which keep the text as written so messages and tools can show it. The diagnostics say what is wrong.
/// </summary>
public sealed class SkillManifest
{
    /// <summary>The skill's name as written (<c>pr-review</c>), or <see langword="null"/> for prose skills and when it is missing.</summary>
    public string? Name { get; init; }

    /// <summary>What the skill does and when to use it.</summary>
    public string? Description { get; init; }

    /// <summary>The skill's version, or <see langword="null"/> when none (or an invalid one) is given.</summary>
    public SemanticVersion? Version { get; init; }

    /// <summary>Who wrote the skill.</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>The license, as an SPDX expression or a file name.</summary>
    public string? License { get; init; }

    /// <summary>Environment requirements in free text (Agent Skills <c>compatibility</c>).</summary>
    public string? Compatibility { get; init; }

    /// <summary>
    /// Free-form string metadata (Agent Skills <c>metadata</c>), in source order. A value that is not
    /// text (a list, a mapping or null; warning SKILL0112) is given as its JSON text.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; init; } = [];

    /// <summary>Tools the agent may use while following the skill (Agent Skills <c>allowed-tools</c>).</summary>
    public IReadOnlyList<string> AllowedTools { get; init; } = [];

    /// <summary>How the skill is executed.</summary>
    public SkillRuntime Runtime { get; init; } = SkillRuntime.Default;

    /// <summary>
    /// Whether the frontmatter has an <c>inputs</c> key. Only then is the body a template; otherwise
    /// it is used verbatim, so Agent Skills files with literal <c>{{</c> are left alone.
    /// </summary>
    public bool DeclaresInputs { get; init; }

    /// <summary>The declared inputs, in order.</summary>
    public IReadOnlyList<SkillInput> Inputs { get; init; } = [];

    /// <summary>What the skill produces.</summary>
    public SkillOutput Output { get; init; } = SkillOutput.Text;

    /// <summary>What must exist before the skill runs.</summary>
    public SkillDependencies Dependencies { get; init; } = SkillDependencies.None;

    /// <summary>What the skill may reach when it runs.</summary>
    public SkillPermissions Permissions { get; init; } = SkillPermissions.None;

    /// <summary>The memory kinds the skill defines and the namespaces it may read and write (<c>memory</c>).</summary>
    public SkillMemory Memory { get; init; } = SkillMemory.None;

    /// <summary>Search tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Top-level keys SkillRt does not know, preserved in source order.</summary>
    public IReadOnlyList<FrontmatterEntry> Extensions { get; init; } = [];
}
