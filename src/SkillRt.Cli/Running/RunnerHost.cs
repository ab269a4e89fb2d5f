using System;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkillRt.AgentDoc;

#if !SKILL_NATIVE_FRONT
namespace SkillRt.Cli.Running;

/// <summary>
/// The runner of one <c>skillrt run</c>. A skill without agent-docs gets <c>new SkillRunner(…)</c>, as always;
/// one that declares agent-docs gets the runner <c>AddSkillRt().AddAgentDocs(catalog)</c> composes, which
/// offers the model the doc tools over exactly the declared versions (the runtime has no other way in for
/// a tool provider, and needs none). Disposing it disposes the runner and, for the second, its container.
/// </summary>
internal sealed class RunnerHost : IAsyncDisposable
{
    private readonly IAsyncDisposable _owner;

    private RunnerHost(SkillRunner runner, IAsyncDisposable owner)
    {
        Runner = runner;
        _owner = owner;
    }

    public SkillRunner Runner { get; }

    /// <param name="chatClient">The model; not disposed here.</param>
    /// <param name="options">The runner's options.</param>
    /// <param name="logger">The run's log (stderr and the progress line).</param>
    /// <param name="agentDocs">The agent-docs of a skill that declares some, else null.</param>
    public static RunnerHost Create(IChatClient chatClient, SkillRunnerOptions options, ILogger<SkillRunner> logger, AgentDocCatalog? agentDocs)
    {
        if (agentDocs is null)
        {
            var runner = new SkillRunner(chatClient, options, logger);
            return new RunnerHost(runner, runner);
        }

        var services = new ServiceCollection();
        // An instance, so the container does not dispose it: the command owns the model's client.
        services.AddSingleton(chatClient);
        // These options as they are, not a copy through Configure: they hold the MCP servers and sibling skills.
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton<ILoggerFactory>(new RunnerLoggerFactory(logger));
#pragma warning disable SKILLRT002 // The tool-provider API is experimental; the CLI ships with the runtime it uses.
        services.AddSkillRt().AddAgentDocs(agentDocs);
#pragma warning restore SKILLRT002
        var provider = services.BuildServiceProvider();
        return new RunnerHost(provider.GetRequiredService<SkillRunner>(), provider);
    }

    public ValueTask DisposeAsync() => _owner.DisposeAsync();

    /// <summary>The run's logger for the runner's own category, as <c>new SkillRunner(…, logger)</c> has it; nothing for the rest.</summary>
    private sealed class RunnerLoggerFactory(ILogger<SkillRunner> logger) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) =>
            string.Equals(categoryName, typeof(SkillRunner).FullName, StringComparison.Ordinal) ? logger : NullLogger.Instance;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }
    }
}
#endif
