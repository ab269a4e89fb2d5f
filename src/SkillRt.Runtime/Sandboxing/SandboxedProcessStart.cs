using System;
using System.Collections.Generic;

namespace SkillRt.Sandboxing;

/// <summary>
/// A process SkillRt starts on a skill's behalf (a process skill, a declared CLI tool, one of the
/// skill's scripts), with everything the sandbox needs to confine it to the skill's permissions.
/// </summary>
internal sealed class SandboxedProcessStart
{
    /// <summary>The skill the process runs for, for messages and logs.</summary>
    public required string SkillName { get; init; }

    /// <summary>The program: a name looked up on PATH, or a path (relative paths resolve against <see cref="SkillDirectory"/>).</summary>
    public required string Program { get; init; }

    /// <summary>The arguments, passed as they are (no shell).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The folder the process starts in; relative filesystem globs are anchored here too.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The skill's folder, mounted read-only in the sandbox; <see langword="null"/> when unknown.</summary>
    public string? SkillDirectory { get; init; }

    /// <summary>
    /// For a skill loaded from a loose file (any Markdown file not named SKILL.md), which has no folder
    /// of its own: that file, mounted read-only alone, never the folder it sits in. Ignored when
    /// <see cref="SkillDirectory"/> is set.
    /// </summary>
    public string? SkillFile { get; init; }

    /// <summary>What the process may reach: network hosts, filesystem globs, environment variables.</summary>
    public SkillPermissions Permissions { get; init; } = SkillPermissions.None;

    /// <summary>The bytes written to standard input, which is then closed.</summary>
    public ReadOnlyMemory<byte> StandardInput { get; init; }

    /// <summary>How long the process may run before it is killed with its children.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock <see cref="Timeout"/> runs on; tests replace it to reach the limit once the process is running.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The most bytes of standard output kept; the rest is discarded and <see cref="SandboxedProcessResult.OutputTruncated"/> set.</summary>
    public int MaxOutputBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// The process count, memory and CPU time limits; <see langword="null"/> for those of the run in
    /// progress (<see cref="ProcessLimits.Current"/>), or the defaults outside a run.
    /// </summary>
    public ProcessLimits? Limits { get; init; }
}
