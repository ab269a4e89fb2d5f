using System;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SkillRt.Dependencies;
using SkillRt.Execution;
using SkillRt.Mcp;
using SkillRt.Sandboxing;
using SkillRt.Tools;

namespace SkillRt.Hosting;

/// <summary>
/// The services a <see cref="SkillRunner"/> runs on, and the one recipe for each. A runner made
/// without a container (<see cref="SkillRunner.Create"/> or its constructor) builds them all here and
/// owns them; <c>AddSkillRt</c> registers each recipe on its own, so a container can replace any
/// part, and then the container owns them.
/// </summary>
internal sealed class SkillRunnerParts : IAsyncDisposable
{
    private SkillRunnerParts(IChatClient chatClient, SkillRunnerOptions options, ILogger logger, ILoggerFactory? loggerFactory)
    {
        ChatClient = chatClient;
        Options = options;
        Logger = logger;
        McpServers = CreateMcpServers(options, loggerFactory);
        Sandbox = CreateSandbox(options, logger);
        HttpHandler = CreateHttpHandler();
        Dependencies = new DependencyResolver(options.Skills, McpServers);
        // Tool providers plug in through the container (AddSkillToolProvider); a runner built here has none.
        Toolbox = new SkillToolbox(McpServers, Sandbox, HttpHandler, options, logger, providers: []);
        Executors =
        [
            new ModelSkillExecutor(chatClient, options, logger),
            new ProcessSkillExecutor(Sandbox, options, logger),
            new McpToolSkillExecutor(McpServers, options, logger),
        ];
    }

    public IChatClient ChatClient { get; }

    public SkillRunnerOptions Options { get; }

    /// <summary>The runner's log (category <c>SkillRt.SkillRunner</c>), shared by its executors, tools and sandbox.</summary>
    public ILogger Logger { get; }

    public McpClientPool McpServers { get; }

    public ProcessSandbox Sandbox { get; }

    public HttpMessageHandler HttpHandler { get; }

    public DependencyResolver Dependencies { get; }

    public SkillToolbox Toolbox { get; }

    public ISkillExecutor[] Executors { get; }

    /// <summary>Checks the arguments, then builds every part.</summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid; the message says which setting and why.</exception>
    public static SkillRunnerParts Create(IChatClient chatClient, SkillRunnerOptions? options, ILogger? logger, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        options ??= new SkillRunnerOptions();
        ThrowIfInvalid(options);
        return new SkillRunnerParts(chatClient, options, logger ?? NullLogger.Instance, loggerFactory);
    }

    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid; the message says which setting and why.</exception>
    public static void ThrowIfInvalid(SkillRunnerOptions options)
    {
        if (SkillRunnerOptionsValidator.Problems(options) is { Count: > 0 } problems)
        {
            throw new ArgumentException("The runner's options are invalid: " + string.Join(" ", problems), nameof(options));
        }
    }

    /// <summary>The runner's log: one category for the runner and everything it drives, as before the parts were separate.</summary>
    public static ILogger CreateLogger(ILoggerFactory? loggerFactory) => (ILogger?)loggerFactory?.CreateLogger<SkillRunner>() ?? NullLogger.Instance;

    /// <summary>The MCP clients; they log under <c>SkillRt.Mcp</c> and the SDK's own categories.</summary>
    public static McpClientPool CreateMcpServers(SkillRunnerOptions options, ILoggerFactory? loggerFactory) => new(options.McpServers, loggerFactory);

    public static ProcessSandbox CreateSandbox(SkillRunnerOptions options, ILogger logger) =>
        new(requireSandbox: !options.UnsafeAllowUnsandboxedProcesses, logger);

    /// <summary>The handler <c>fetch_url</c> sends through.</summary>
    public static HttpMessageHandler CreateHttpHandler() =>
        // fetch_url follows redirects itself, checking every hop against the skill's hosts; no cookies,
        // so one skill's session never follows into another skill's (or tenant's) run.
        new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    /// <summary>Stops the MCP servers and the sandbox's proxies, then releases the network handler.</summary>
    public async ValueTask DisposeAsync()
    {
        await McpServers.DisposeAsync().ConfigureAwait(false);
        await Sandbox.DisposeAsync().ConfigureAwait(false);
        HttpHandler.Dispose();
    }
}
