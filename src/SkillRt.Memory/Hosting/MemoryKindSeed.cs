using System.Collections.Generic;

namespace SkillRt.Memory;

/// <summary>The kinds added with <see cref="SkillMemoryBuilder.AddKind"/>, registered when the registry is first resolved.</summary>
internal sealed class MemoryKindSeed
{
    public List<MemoryKind> Kinds { get; } = [];
}
