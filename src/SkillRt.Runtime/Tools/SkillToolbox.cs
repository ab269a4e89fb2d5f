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
/// on, the tools of the MCP servers it depends on, the built-in tools its permissions and folder
/// allow, and the tools the host's <see cref="ISkillToolProvider"/>s give. Every tool goes behind the
/// run's <see cref="ToolRun"/> gate.
/// </summary>
/// <remarks>
/// The runner that sibling skills run on is passed to each call rather than held, so the toolbox
/// and the runner do not need each other to be built, and a container can build either first.
/// </remarks>
internal sealed class SkillToolbox(
    McpClientPool mcpServers, ProcessSandbox sandbox, HttpMessageHandler httpHandler, SkillRunnerOptions options, ILogger logger,
    IEnumerable<ISkillToolProvider> providers)
{
    // Compiled permission checks per skill and folder: globs become regular expressions once.
    private readonly ConditionalWeakTable<SkillDescriptor, PolicyCache> _policies = new();

    // Asked in the order they were registered, so the tools' order (and a clash's message) is the same every run.
    private readonly ISkillToolProvider[] _providers = [.. providers];

    // The runner is an argument, not a field: it runs the sibling skills the model calls.
    public async Task<ToolRun?> CreateAsync(
        ISkillRunner runner,
        SkillDescriptor descriptor, ResolvedDependencies dependencies, string? skillDirectory, string workingDirectory, CancellationToken cancellationToken)
    {
        var permissions = descriptor.Permissions;
        if (skillDirectory is null && permissions.Network.Count == 0 && permissions.Filesystem.Count == 0 && descriptor.Dependencies.Tools.Count == 0
            && dependencies.Skills.Count == 0 && dependencies.McpServers.Count == 0 && _providers.Length == 0)
        {
            return null;
        }

        var builtins = _policies.GetValue(descriptor, static d => new PolicyCache(d)).Builtins(skillDirectory, workingDirectory, this);
        if (builtins.Count == 0 && dependencies.Skills.Count == 0 && dependencies.McpServers.Count == 0 && _providers.Length == 0)
        {
            return null;
        }

        var run = new ToolRun(descriptor, options, logger);
        var tools = new List<AITool>();
        // Each name offered so far, and where its tool comes from, for the message when a provided tool takes one.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tool in builtins)
        {
            names.TryAdd(tool.Name, "SkillRt's built-in tool");
            tools.Add(run.Wrap(tool, SkillToolKind.Builtin));
        }

        foreach (var skill in dependencies.Skills)
        {
            var function = skill.CreateFunction(runner);
            if (names.TryAdd(function.Name, "the sibling skill in dependencies.skills"))
            {
                tools.Add(run.Wrap(function, SkillToolKind.Skill));
            }
        }

        // Before the MCP tools: those give way to any name taken (prefixed with their server's), a provided tool does not.
        if (_providers.Length > 0)
        {
            var context = new SkillToolContext { Descriptor = descriptor, SkillDirectory = skillDirectory, WorkingDirectory = workingDirectory };
            foreach (var provider in _providers)
            {
                var provided = await provider.GetToolsAsync(context, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"The tool provider {provider.GetType().FullName} returned no list for skill '{descriptor.Name}'; return an empty list to offer no tools.");
                foreach (var tool in provided)
                {
                    tools.Add(run.Wrap(Provided(descriptor, provider, tool, names), SkillToolKind.Provided));
                }
            }
        }

        foreach (var server in dependencies.McpServers)
        {
            foreach (var tool in await mcpServers.GetToolsAsync(server, cancellationToken).ConfigureAwait(false))
            {
                // Two servers may both have a "search"; the second is offered as "server_search".
                var name = names.TryAdd(tool.Name, $"a tool of MCP server '{server}'") ? tool.Name : Unique(names, server + "_" + tool.Name, server);
                tools.Add(run.Wrap(tool, SkillToolKind.Mcp, name));
            }
        }

        SkillRunnerLog.OfferingTools(logger, descriptor.Name, tools.Count);
        run.Tools = tools;
        return run;
    }

    /// <exception cref="InvalidOperationException">The provider gave no tool, a tool without a name, or one whose name is taken.</exception>
    private static AIFunction Provided(SkillDescriptor descriptor, ISkillToolProvider provider, AIFunction? tool, Dictionary<string, string> names)
    {
        var providerName = provider.GetType().FullName;
        if (tool is null || string.IsNullOrEmpty(tool.Name))
        {
            throw new InvalidOperationException(
                $"The tool provider {providerName} gave skill '{descriptor.Name}' a {(tool is null ? "null tool" : "tool without a name")}; return only named AIFunctions from its GetToolsAsync.");
        }

        if (!names.TryAdd(tool.Name, $"a tool of provider {providerName}"))
        {
            throw new InvalidOperationException(
                $"The tool provider {providerName} gives skill '{descriptor.Name}' a tool named '{tool.Name}', and {names[tool.Name]} already has that name; "
                + "the model could not tell them apart. Rename the provided tool, or have the provider leave it out for this skill (its context names the skill).");
        }

        return tool;
    }

    private static string Unique(Dictionary<string, string> names, string name, string server)
    {
        var owner = $"a tool of MCP server '{server}'";
        var candidate = SanitizeName(name);
        for (var suffix = 2; !names.TryAdd(candidate, owner); suffix++)
        {
            candidate = SanitizeName(name) + "_" + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    // Model providers accept tool names of letters, digits, '_' and '-'; server names may hold '@', '/' and '.'.
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
