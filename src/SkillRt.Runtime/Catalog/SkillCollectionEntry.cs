using System;
using Microsoft.Extensions.AI;

namespace SkillRt;

/// <summary>One skill in a <see cref="SkillCollection"/>: what it is, where its folder is, and how to offer it as a tool.</summary>
internal sealed class SkillCollectionEntry(SkillDescriptor descriptor, string? directory, Func<ISkillRunner, AIFunction> createFunction)
{
    public SkillDescriptor Descriptor { get; } = descriptor;

    public string? Directory { get; } = directory;

    public AIFunction CreateFunction(ISkillRunner runner) => createFunction(runner);
}
