using System;

namespace SkillRt.Sandboxing;

/// <summary>How a sandboxed process ended.</summary>
internal sealed record SandboxedProcessResult
{
    /// <summary>The exit code.</summary>
    public required int ExitCode { get; init; }

    /// <summary>Standard output as UTF-8 text.</summary>
    public required string StandardOutput { get; init; }

    /// <summary>Standard error as UTF-8 text (the last part, when long).</summary>
    public required string StandardError { get; init; }

    /// <summary>Whether standard output went over the limit and was cut.</summary>
    public bool OutputTruncated { get; init; }

    /// <summary>How the process was confined.</summary>
    public required SandboxKind Sandbox { get; init; }

    /// <summary>How long the process ran, from start to exit.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>How many connections the allowlisting proxy refused because <c>permissions.network</c> does not list their host.</summary>
    public int DeniedConnections { get; init; }

    /// <summary>The resource limit the process hit, when it failed because of one.</summary>
    public SkillResourceLimit? LimitExceeded { get; init; }

    /// <summary>For <see cref="LimitExceeded"/>: the limit, its value and how to raise it, completing "The process of skill 'x' (program) ...".</summary>
    public string? LimitDescription { get; init; }
}
