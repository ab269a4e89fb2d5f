using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SkillRt.Dependencies;
using SkillRt.Execution;
using SkillRt.Mcp;
using SkillRt.Permissions;
using SkillRt.Sandboxing;
using SkillRt.Tools.Builtin;

namespace SkillRt.Tools;

/// <summary>
/// Puts together the tools a model may call while running one skill: the sibling skills it depends
/// on, the tools of the MCP servers it depends on, and the built-in tools its permissions and folder
/// allow. Every tool goes behind the run's <see cref="ToolRun"/> gate.
/// </summary>
/// <remarks>
/// The runner that sibling skills run on is passed to each call rather than held, so the toolbox
/// and the runner do not need each other to be built, and a container can build either first.
/// </remarks>
internal sealed class SkillToolbox(
    McpClientPool mcpServers, ProcessSandbox sandbox, HttpMessageHandler httpHandler, SkillRunnerOptions options, ILogger logger)
{
    // Compiled permission checks per skill and folder: globs become regular expressions once.
    private readonly ConditionalWeakTable<SkillDescriptor, PolicyCache> _policies = new();

    // The runner is an argument, not a field: it runs the sibling skills the model calls.
    public async Task<ToolRun?> CreateAsync(
        ISkillRunner runner,
        SkillDescriptor descriptor, ResolvedDependencies dependencies, string? skillDirectory, string workingDirectory, CancellationToken cancellationToken)
    {
        var permissions = descriptor.Permissions;
        if (skillDirectory is null && permissions.Network.Count == 0 && permissions.Filesystem.Count == 0 && descriptor.Dependencies.Tools.Count == 0
            && dependencies.Skills.Count == 0 && dependencies.McpServers.Count == 0)
        {
            return null;
        }

        var builtins = _policies.GetValue(descriptor, static d => new PolicyCache(d)).Builtins(skillDirectory, workingDirectory, this);
        if (builtins.Count == 0 && dependencies.Skills.Count == 0 && dependencies.McpServers.Count == 0)
        {
            return null;
        }

        var run = new ToolRun(descriptor, options, logger);
        var tools = new List<AITool>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tool in builtins)
        {
            names.Add(tool.Name);
            tools.Add(run.Wrap(tool, SkillToolKind.Builtin));
        }

        foreach (var skill in dependencies.Skills)
        {
            var function = skill.CreateFunction(runner);
            if (names.Add(function.Name))
            {
                tools.Add(run.Wrap(function, SkillToolKind.Skill));
            }
        }

        foreach (var server in dependencies.McpServers)
        {
            foreach (var tool in await mcpServers.GetToolsAsync(server, cancellationToken).ConfigureAwait(false))
            {
                // Two servers may both have a "search"; the second is offered as "server_search".
                var name = names.Add(tool.Name) ? tool.Name : Unique(names, server + "_" + tool.Name);
                tools.Add(run.Wrap(tool, SkillToolKind.Mcp, name));
            }
        }

        SkillRunnerLog.OfferingTools(logger, descriptor.Name, tools.Count);
        run.Tools = tools;
        return run;
    }

    private static string Unique(HashSet<string> names, string name)
    {
        var candidate = SanitizeName(name);
        for (var suffix = 2; !names.Add(candidate); suffix++)
        {
            candidate = SanitizeName(name) + "_" + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    // Providers accept tool names of letters, digits, '_' and '-'; server names may hold '@', '/' and '.'.
    private static string SanitizeName(string name) => string.Create(name.Length, name, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_';
        }
    });

    private IReadOnlyList<AIFunction> CreateBuiltins(SkillDescriptor descriptor, string? skillDirectory, string workingDirectory, NetworkPolicy network) =>
        BuiltinTools.For(new BuiltinToolContext
        {
            Descriptor = descriptor,
            SkillDirectory = skillDirectory,
            WorkingDirectory = workingDirectory,
            Files = new FilesystemPolicy(descriptor.Permissions.Filesystem, workingDirectory),
            Network = network,
            Sandbox = sandbox,
            ProcessTimeout = options.ProcessTimeout,
            HttpHandler = httpHandler,
        });

    /// <summary>
    /// The built-in tools of one skill for one pair of folders. They hold no per-run state (the gate
    /// does), so they are built once: globs are compiled and schemas parsed once, not per run.
    /// </summary>
    private sealed class PolicyCache(SkillDescriptor descriptor)
    {
        private Tuple<string?, string, IReadOnlyList<AIFunction>>? _builtins;

        public NetworkPolicy Network { get; } = new(descriptor.Permissions.Network);

        public IReadOnlyList<AIFunction> Builtins(string? skillDirectory, string workingDirectory, SkillToolbox toolbox)
        {
            var cached = Volatile.Read(ref _builtins);
            if (cached is not null && string.Equals(cached.Item1, skillDirectory, StringComparison.Ordinal) && string.Equals(cached.Item2, workingDirectory, StringComparison.Ordinal))
            {
                return cached.Item3;
            }

            var tools = toolbox.CreateBuiltins(descriptor, skillDirectory, workingDirectory, Network);
            Volatile.Write(ref _builtins, Tuple.Create(skillDirectory, workingDirectory, tools));
            return tools;
        }
    }
}
