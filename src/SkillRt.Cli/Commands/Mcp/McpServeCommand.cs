using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
#if !SKILL_NATIVE_FRONT
using ModelContextProtocol.Server;
using SkillRt.Cli.McpServing;
using SkillRt.Cli.Running;
using SkillRt.Cli.Store;
#endif

namespace SkillRt.Cli.Commands.Mcp;

/// <summary>
/// <c>skillrt mcp serve [folder|SKILL.md|project ...]</c>: an MCP server exposing skills to agents — each
/// typed skill as a tool (input schema from its inputs, output schema from its output, results as
/// <c>structuredContent</c>), each prose skill as a prompt. With no argument it serves the installed
/// skills. Calls run through the same runner, model configuration, sandbox, permissions and dependency
/// resolution as <c>skillrt run</c>. Skills are reloaded when they change on disk. Over standard input and
/// output by default (standard output carries only MCP messages; everything else goes to standard error),
/// or over Streamable HTTP on 127.0.0.1 with <c>--http</c>, behind a generated key.
/// </summary>
internal static class McpServeCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Skill folders (searched for SKILL.md files), SKILL.md files, or projects (.csproj) whose SkillFile items are served; none serves the installed skills.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var model = new Option<string?>("--model")
        {
            Description = "The model id for skills that run on a model; default $SKILLRT_MODEL. The server is $OPENAI_BASE_URL (default https://api.openai.com/v1), the key $OPENAI_API_KEY.",
        };
        var noSandbox = new Option<bool>("--no-sandbox")
        {
            Description = "UNSAFE: where no sandbox is available, run the skills' processes unconfined (as skillrt run --no-sandbox).",
        };
        var timeout = new Option<string?>("--timeout")
        {
            Description = "How long one call may take, such as 90s, 5m or 1h; default $SKILLRT_TIMEOUT, else 10m.",
        };
        var http = new Option<bool>("--http")
        {
            Description = "Serve over MCP Streamable HTTP on 127.0.0.1 instead of standard input and output; clients send the generated key as 'Authorization: Bearer <key>'.",
        };
        var port = new Option<int?>("--port", "-p")
        {
            Description = "With --http: the port on 127.0.0.1 (0, the default, picks a free one).",
        };
        var keyFile = new Option<string?>("--key-file")
        {
            Description = "With --http: the file holding the key clients must send; created with a new random key when missing. Default: a new key in a file under the temporary folder, deleted at exit.",
        };
        var rateLimit = new Option<int?>("--rate-limit")
        {
            Description = "With --http: how many requests with the key the server answers a minute; more get 429 with Retry-After (default 600).",
        };
        var command = new Command("serve", "Serve skills to agents over MCP: typed skills as tools, prose skills as prompts (stdio, or Streamable HTTP with --http).")
        {
            paths,
            model,
            noSandbox,
            timeout,
            http,
            port,
            keyFile,
            rateLimit,
        };
#if SKILL_NATIVE_FRONT
        // As run does: the runner, the model client and the MCP server run in the host (Native/HostProcess.cs), which inherits stdin and stdout.
        command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new Request(
                parseResult.GetValue(paths) ?? [],
                parseResult.GetValue(model),
                parseResult.GetValue(noSandbox),
                parseResult.GetValue(timeout),
                parseResult.GetValue(http),
                parseResult.GetValue(port),
                parseResult.GetValue(keyFile),
                parseResult.GetValue(rateLimit)),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
#endif
        return command;
    }

#if !SKILL_NATIVE_FRONT
    // How long an exiting server waits for cancelled runs to stop their processes and tear down their sandboxes.
    private static readonly TimeSpan TeardownTimeout = TimeSpan.FromSeconds(30);

    private static async Task<int> RunAsync(Request request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!request.Http && (request.Port is not null || request.KeyFile is not null || request.RateLimit is not null))
        {
            throw new CliException(ExitCodes.UsageError, "--port, --key-file and --rate-limit are for --http; standard input and output need none of them.");
        }

        if (request.RateLimit is < 1)
        {
            throw new CliException(ExitCodes.UsageError, $"--rate-limit {request.RateLimit}: the limit is a number of requests a minute, 1 or more.");
        }

        if (request.Port is < 0 or > 65535)
        {
            throw new CliException(ExitCodes.UsageError, $"--port {request.Port}: a port is 0–65535 (0 picks a free one).");
        }

        // Runs write warnings from several threads at once; whole lines, never interleaved ones.
        error = TextWriter.Synchronized(error);
        if (request.NoSandbox)
        {
            await error.WriteLineAsync(RunCommand.NoSandboxWarning).ConfigureAwait(false);
        }

        var timeout = RunTimeout.Read(request.Timeout);
        var model = ModelConfiguration.TryRead(request.Model, out var problem);
        var sources = SkillServeSources.Resolve(request.Paths);
        var runner = new SkillCallRunner(SkillStore.Open(), model, problem, request.NoSandbox, timeout, error);
        using var catalog = new SkillMcpCatalog(sources, runner, error);
        await catalog.LoadAsync(request.Http ? "Streamable HTTP" : "standard input/output", cancellationToken).ConfigureAwait(false);
        catalog.StartWatching();
        try
        {
            if (request.Http)
            {
                await using var host = await McpHttpHost.StartAsync(catalog, request.Port ?? 0, request.KeyFile, request.RateLimit ?? McpHttpRateLimits.DefaultRequestsPerMinute, output, error, cancellationToken).ConfigureAwait(false);
                await host.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await using var transport = new StdioServerTransport(SkillMcpCatalog.ServerName);
                await using var server = McpServer.Create(transport, catalog.CreateServerOptions());

                // The server would wait for the calls still running once the client closes standard input, and
                // nobody is left to read their answers: the end of input cancels them (and their runs).
                using var disconnected = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                _ = transport.MessageReader.Completion.ContinueWith(_ => disconnected.Cancel(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                try
                {
                    await server.RunAsync(disconnected.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (disconnected.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // The client went away.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: a normal way to stop a server.
        }

        try
        {
            await runner.WhenIdleAsync().WaitAsync(TeardownTimeout, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await error.WriteLineAsync($"skillrt: warning: runs cancelled at exit did not stop within {RunTimeout.Format(TeardownTimeout)}; their processes may still be running.").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }
#endif

    private sealed record Request(string[] Paths, string? Model, bool NoSandbox, string? Timeout, bool Http, int? Port, string? KeyFile, int? RateLimit);
}
