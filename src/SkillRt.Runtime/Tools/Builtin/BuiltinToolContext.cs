using System;
using System.Net.Http;
using SkillRt.Permissions;
using SkillRt.Sandboxing;

namespace SkillRt.Tools.Builtin;

/// <summary>What the built-in tools of one run may use: the skill, its folder, its permissions and the sandbox.</summary>
internal sealed class BuiltinToolContext
{
    /// <summary>The skill: its name, <c>permissions</c> and <c>dependencies.tools</c>.</summary>
    public required SkillDescriptor Descriptor { get; init; }

    /// <summary>The skill's folder (with <c>scripts/</c>, <c>references/</c>, <c>assets/</c>), when known.</summary>
    public string? SkillDirectory { get; init; }

    /// <summary>The folder relative paths and globs are anchored to.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary><c>permissions.filesystem</c>, anchored at <see cref="WorkingDirectory"/>.</summary>
    public required FilesystemPolicy Files { get; init; }

    /// <summary><c>permissions.network</c>.</summary>
    public required NetworkPolicy Network { get; init; }

    /// <summary>Where <c>run_tool</c> and <c>run_script</c> start their processes.</summary>
    public required ProcessSandbox Sandbox { get; init; }

    /// <summary>How long a CLI tool or script may run.</summary>
    public TimeSpan ProcessTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The handler <c>fetch_url</c> sends requests through; redirects must not be followed automatically.</summary>
    public required HttpMessageHandler HttpHandler { get; init; }
}
