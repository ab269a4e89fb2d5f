namespace SkillRt.Generators;

/// <summary>A <c>memory.read</c> or <c>memory.write</c> entry: the namespace, whether it covers the ones below it, and its kinds.</summary>
internal sealed record MemoryGrantSpec(string Namespace, bool IncludesSubNamespaces, EquatableArray<string> Kinds);
