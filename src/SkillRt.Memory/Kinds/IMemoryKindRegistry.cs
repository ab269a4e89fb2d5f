using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace SkillRt.Memory;

/// <summary>
/// The kinds a memory accepts. Writes of an unregistered kind are refused (MEM0002). Kinds are added
/// at start-up (<see cref="SkillMemoryBuilder.AddKind"/>) or later, e.g. when a skill that declares
/// kinds in its frontmatter is loaded. Thread-safe.
/// </summary>
public interface IMemoryKindRegistry
{
    /// <summary>
    /// Registers a kind. Registering the same name again with the same schema is a no-op, so every
    /// skill that declares a shared kind may register it.
    /// </summary>
    /// <param name="kind">The kind.</param>
    /// <exception cref="MemoryException">MEM0011: the name or schema is malformed, or another schema is registered under the name.</exception>
    void Register(MemoryKind kind);

    /// <summary>Finds a registered kind.</summary>
    /// <param name="name">The kind's name.</param>
    /// <param name="kind">The kind, when registered.</param>
    /// <returns>Whether it is registered.</returns>
    bool TryGet(string name, [NotNullWhen(true)] out MemoryKind? kind);

    /// <summary>Every registered kind, by name.</summary>
    IReadOnlyList<MemoryKind> Kinds { get; }
}
