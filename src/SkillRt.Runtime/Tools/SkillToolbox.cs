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
internal sealed class SkillToolbox(
    ISkillRunner runner, McpClientPool mcpServers, ProcessSandbox sandbox, HttpMessageHandler httpHandler, SkillRunnerOptions options, ILogger logger)
{
    // Compiled permission checks per skill and folder: globs become regular expressions once.
    private readonly ConditionalWeakTable<SkillDescriptor, PolicyCache> _policies = new();

    public async Task<ToolRun?> CreateAsync(
        SkillDescriptor descriptor, ResolvedDependencies dependencies, string? skillDirectory, string workingDirectory, CancellationToken cancellationToken)
    {
        var permissions = descriptor.Permissions;
        if (skillDirectory is null && permissions.Network.Count == 0 && permissions.Filesystem.Count == 0 && descriptor.Dependencies.Tools.Count == 0
            && dependencies.Skills.Count == 0 && dependencies.McpServers.Count == 0)
        {
            return null;
        }

        var policies = _policies.GetValue(descriptor, static d => new PolicyCache(d));
        var builtins = BuiltinTools.For(new BuiltinToolContext
        {
            Descriptor = descriptor,
            SkillDirectory = skillDirectory,
            WorkingDirectory = workingDirectory,
            Files = policies.Files(workingDirectory),
            Network = policies.Network,
            Sandbox = sandbox,
            ProcessTimeout = options.ProcessTimeout,
            HttpHandler = httpHandler,
        });
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

    private sealed class PolicyCache(SkillDescriptor descriptor)
    {
        private (string Directory, FilesystemPolicy Policy)? _files;

        public NetworkPolicy Network { get; } = new(descriptor.Permissions.Network);

        public FilesystemPolicy Files(string workingDirectory)
        {
            var cached = _files;
            if (cached is { } hit && string.Equals(hit.Directory, workingDirectory, StringComparison.Ordinal))
            {
                return hit.Policy;
            }

            var policy = new FilesystemPolicy(descriptor.Permissions.Filesystem, workingDirectory);
            _files = (workingDirectory, policy);
            return policy;
        }
    }
}
