using System;
using System.IO;

namespace SkillRt.Memory.Tests.Infrastructure;

/// <summary>A folder of its own under the temp folder, deleted at the end.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "skillrt-memory-tests", Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A pooled SQLite connection may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
