namespace SkillRt.Permissions;

/// <summary>A path a sandbox makes visible: the wildcard-free start of one or more globs.</summary>
/// <param name="Path">The absolute path.</param>
/// <param name="Writable">Whether a read-write rule reaches it.</param>
internal readonly record struct FilesystemMount(string Path, bool Writable);
