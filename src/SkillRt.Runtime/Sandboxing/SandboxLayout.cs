using System.Collections.Generic;

namespace SkillRt.Sandboxing;

/// <summary>Everything a bubblewrap command line is built from, worked out by <see cref="ProcessSandbox"/>.</summary>
internal sealed class SandboxLayout
{
    /// <summary>The program's full path on the host.</summary>
    public required string Program { get; init; }

    public required IReadOnlyList<string> Arguments { get; init; }

    public required string WorkingDirectory { get; init; }

    /// <summary>Shown read-only at its own path, when known.</summary>
    public string? SkillDirectory { get; init; }

    /// <summary>A loose skill file, shown read-only alone at its own path, when the skill has no folder.</summary>
    public string? SkillFile { get; init; }

    /// <summary>The paths the skill's filesystem rules reach that exist on the host.</summary>
    public IReadOnlyList<SandboxMount> Mounts { get; init; } = [];

    /// <summary>The private temporary folder on the host, shown as <c>/tmp</c>.</summary>
    public required string PrivateTemp { get; init; }

    public SandboxNetwork Network { get; init; }

    /// <summary>For <see cref="SandboxNetwork.Proxy"/>: the proxy's socket, inside <see cref="PrivateTemp"/>.</summary>
    public string? ProxySocket { get; init; }

    /// <summary>For <see cref="SandboxNetwork.Proxy"/>: the full path of socat on the host.</summary>
    public string? Socat { get; init; }

    /// <summary>Variables set with <c>--setenv</c>: the fixed, non-secret ones.</summary>
    public IReadOnlyDictionary<string, string> FixedEnvironment { get; init; } = new Dictionary<string, string>();
}
