namespace SkillRt.Sandboxing;

/// <summary>A host path a bubblewrap sandbox shows at the same path inside.</summary>
/// <param name="Path">The absolute path, which exists on the host.</param>
/// <param name="Writable">Whether the process may change what is under it.</param>
internal readonly record struct SandboxMount(string Path, bool Writable);
