using System;

namespace SkillRt.Scanning;

/// <summary>One file of a skill held in memory, for <see cref="SkillScanner.ScanFiles"/>.</summary>
public sealed class ScanInputFile
{
    /// <summary>Creates an in-memory file.</summary>
    /// <param name="path">The path inside the skill (<c>SKILL.md</c>, <c>scripts/run.sh</c>), with <c>/</c> separators.</param>
    /// <param name="content">The file's bytes; not copied.</param>
    public ScanInputFile(string path, byte[] content)
    {
        Path = path ?? throw new ArgumentNullException(nameof(path));
        Content = content ?? throw new ArgumentNullException(nameof(content));
    }

    /// <summary>The path inside the skill, with <c>/</c> separators.</summary>
    public string Path { get; }

    /// <summary>The bytes.</summary>
    public byte[] Content { get; }
}
