using System;

namespace SkillRt.Memory;

/// <summary>
/// A kind of memory: a name and the JSON Schema (draft 2020-12) its values must match. Skills declare
/// kinds in their frontmatter (<c>memory.kinds</c>); code registers them with <see cref="IMemoryKindRegistry"/>
/// or <see cref="SkillMemoryBuilder.AddKind"/>.
/// </summary>
public sealed class MemoryKind
{
    /// <summary>Creates a kind.</summary>
    /// <param name="name">The name: 1–64 characters of lowercase a-z, 0-9 and single hyphens, not starting or ending with one.</param>
    /// <param name="schema">The JSON Schema of the values, as JSON text.</param>
    /// <param name="description">What memories of this kind hold.</param>
    public MemoryKind(string name, string schema, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(schema);
        Name = name;
        Schema = schema;
        Description = description;
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>The JSON Schema of the values, as JSON text.</summary>
    public string Schema { get; }

    /// <summary>What memories of this kind hold.</summary>
    public string? Description { get; }
}
