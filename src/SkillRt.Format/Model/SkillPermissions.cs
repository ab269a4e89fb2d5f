using System.Collections.Generic;

namespace SkillRt;

/// <summary>What a skill may reach when it runs. Anything not listed is denied.</summary>
public sealed class SkillPermissions
{
    /// <summary>A skill that may reach nothing.</summary>
    public static SkillPermissions None { get; } = new();

    /// <summary>Hosts the skill may connect to (<c>api.github.com</c>, <c>*.github.com</c>, <c>host:port</c>, or <c>*</c> for any).</summary>
    public IReadOnlyList<string> Network { get; init; } = [];

    /// <summary>Paths the skill may read or write.</summary>
    public IReadOnlyList<SkillFilesystemRule> Filesystem { get; init; } = [];

    /// <summary>Environment variables the skill may read.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];
}
