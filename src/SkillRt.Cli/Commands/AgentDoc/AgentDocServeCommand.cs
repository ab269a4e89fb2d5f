using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.AgentDoc;

#if !SKILL_NATIVE_FRONT
using ModelContextProtocol.Server;
using SkillRt.Cli.Serving;
#endif

namespace SkillRt.Cli.Commands.AgentDoc;

/// <summary>
/// <c>skillrt agent-doc serve &lt;files|folders...&gt;</c>: an MCP server over standard input and output that
/// answers agent-doc queries (<see cref="AgentDocTools"/>) from the agent-doc.yaml files given, folders
/// searched recursively. Every file is validated first; a bad one is reported on standard error, with its
/// diagnostics at their lines, and left out; the rest are served. Standard output carries only MCP messages.
/// With <c>--http</c>, the files are served over Streamable HTTP on 127.0.0.1 instead, by the SkillRt server
/// program (as <c>skillrt serve</c> runs it, so the CLI never links ASP.NET Core) with a throw-away data
/// folder; the endpoint's URL is printed on standard output.
/// </summary>
internal static class AgentDocServeCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "agent-doc.yaml files, or folders searched recursively for agent-doc.yaml.", Arity = ArgumentArity.OneOrMore };
        var maxTokens = new Option<int?>("--max-tokens") { Description = $"The most tokens an answer takes when the caller does not say (default {new AgentDocToolOptions().DefaultMaxTokens})." };
        var http = new Option<bool>("--http") { Description = "Serve over MCP Streamable HTTP on 127.0.0.1 (runs the SkillRt server program) instead of standard input and output." };
        var port = new Option<int?>("--port", "-p") { Description = "With --http: the port on 127.0.0.1 (0, the default, picks a free one)." };
        var command = new Command("serve", "Serve agent-docs to agents over MCP (stdio, or Streamable HTTP with --http): resolve a library, search operations, get an operation or a workflow.")
        {
            paths,
            maxTokens,
            http,
            port,
        };
#if SKILL_NATIVE_FRONT
        // As validate does: the agent-doc library and the MCP server run in the host (Native/HostProcess.cs), which inherits stdin and stdout.
        command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        command.SetAction((parseResult, cancellationToken) => parseResult.GetValue(http)
            ? RunHttpAsync(parseResult.GetValue(paths)!, parseResult.GetValue(port), parseResult.GetValue(maxTokens), parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken)
            : parseResult.GetValue(port) is not null
                ? throw new CliException(ExitCodes.UsageError, "--port is for --http; standard input and output need no port.")
                : RunAsync(parseResult.GetValue(paths)!, parseResult.GetValue(maxTokens), parseResult.InvocationConfiguration.Error, cancellationToken));
#endif
        return command;
    }

#if !SKILL_NATIVE_FRONT
    private static readonly PosixSignal[] ForwardedSignals = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT, PosixSignal.SIGHUP];

    private const string ListeningBanner = "SkillRt server listening on ";
    private const string KeyBanner = "First administrator key";

    private static AgentDocToolOptions ToolOptions(int? maxTokens)
    {
        var options = new AgentDocToolOptions();
        if (maxTokens is { } tokens)
        {
            if (tokens < AgentDocToolOptions.MinimumMaxTokens || tokens > options.MaxTokensCap)
            {
                throw new CliException(ExitCodes.UsageError, $"--max-tokens {tokens}: pass {AgentDocToolOptions.MinimumMaxTokens}–{options.MaxTokensCap}.");
            }

            options.DefaultMaxTokens = tokens;
        }

        return options;
    }

    private static async Task<int> RunAsync(string[] paths, int? maxTokens, TextWriter error, CancellationToken cancellationToken)
    {
        var options = ToolOptions(maxTokens);
        var (catalog, _) = await LoadAsync(paths, "standard input/output", error, cancellationToken).ConfigureAwait(false);
        await using var transport = new StdioServerTransport(AgentDocMcpServer.Name);
        await using var server = AgentDocMcpServer.Create(transport, catalog, options);
        try
        {
            // Returns when the client closes standard input.
            await server.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: a normal way to stop a stdio server.
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// Reads every agent-doc under <paramref name="paths"/>, reports the bad ones (and their diagnostics) on
    /// <paramref name="error"/>, and returns a catalog of the rest; fails when none is valid.
    /// </summary>
    internal static async Task<(AgentDocCatalog Catalog, IReadOnlyList<string> Files)> LoadAsync(IReadOnlyList<string> paths, string transport, TextWriter error, CancellationToken cancellationToken)
    {
        var files = Files(paths);
        var served = new Dictionary<(string Name, string Version), (string Path, string Hash)>();
        var documents = new List<AgentDocument>();
        var rejected = 0;
        foreach (var file in files)
        {
            var result = await AgentDocFiles.LoadAsync(file, cancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in result.Diagnostics)
            {
                await error.WriteLineAsync(AgentDocFiles.Line(diagnostic, file)).ConfigureAwait(false);
            }

            if (result.Document is null || result.HasErrors)
            {
                rejected++;
                await error.WriteLineAsync($"skillrt: {file}: not served ({AgentDocFiles.Count(result.Diagnostics.Count(d => d.Severity == SkillDiagnosticSeverity.Error), "error")}; check it with: skillrt agent-doc validate {file}).").ConfigureAwait(false);
                continue;
            }

            var identity = result.Document.Identity;
            var key = (identity.Name, identity.Version);
            if (served.TryGetValue(key, out var first))
            {
                if (first.Hash != result.ComputedContentHash)
                {
                    rejected++;
                    await error.WriteLineAsync($"skillrt: {file}: not served: {identity.Name} {identity.Version} is already served from {first.Path} with different content; give one of them its own version.").ConfigureAwait(false);
                }

                continue;
            }

            served[key] = (file, result.ComputedContentHash!);
            documents.Add(result.Document);
        }

        if (documents.Count == 0)
        {
            throw new CliException(
                ExitCodes.InvalidSkill,
                files.Count == 0
                    ? $"no {AgentDocSpec.FileName} found in {string.Join(", ", paths)}; pass agent-doc files, or folders that hold {AgentDocSpec.FileName} files."
                    : $"none of the {AgentDocFiles.Count(files.Count, "agent-doc")} given is valid, so there is nothing to serve; fix the errors above (skillrt agent-doc validate <file>).");
        }

        var catalog = new AgentDocCatalog(documents);
        var listing = string.Join(", ", catalog.Libraries.SelectMany(l => l.Versions.Select(v => $"{l.Name} {v.Version}")));
        await error.WriteLineAsync($"skillrt: serving {AgentDocFiles.Count(catalog.Count, "agent-doc")} over MCP on {transport}: {listing}{(rejected > 0 ? $" ({rejected} not served, see above)" : string.Empty)}.").ConfigureAwait(false);
        return (catalog, served.Values.Select(v => v.Path).ToList());
    }

    /// <summary>
    /// Runs the server program with the valid files as <c>SkillRt:AgentDocs:Files</c>, a throw-away data folder
    /// and quiet logs; prints the MCP endpoint's URL on standard output once it listens, passes SIGINT and
    /// SIGTERM on, and returns its exit code.
    /// </summary>
    private static async Task<int> RunHttpAsync(string[] paths, int? port, int? maxTokens, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (port is < 0 or > 65535)
        {
            throw new CliException(ExitCodes.UsageError, $"--port {port}: a port is 0–65535 (0 picks a free one).");
        }

        var options = ToolOptions(maxTokens);
        var program = ServerProgram.Locate();
        var dotnet = ServerProgram.LocateDotnet();
        var (_, files) = await LoadAsync(paths, "Streamable HTTP", error, cancellationToken).ConfigureAwait(false);
        var data = Directory.CreateTempSubdirectory("skillrt-agent-doc-").FullName;
        try
        {
            var start = new ProcessStartInfo(dotnet) { UseShellExecute = false, RedirectStandardOutput = true };
            start.ArgumentList.Add(program);
            start.ArgumentList.Add("--urls=http://127.0.0.1:" + (port ?? 0).ToString(CultureInfo.InvariantCulture));
            start.ArgumentList.Add("--SkillRt:DataDirectory=" + data);
            start.ArgumentList.Add("--Logging:LogLevel:Default=Error");
            start.ArgumentList.Add("--SkillRt:AgentDocs:DefaultMaxTokens=" + options.DefaultMaxTokens.ToString(CultureInfo.InvariantCulture));
            for (var i = 0; i < files.Count; i++)
            {
                start.ArgumentList.Add($"--SkillRt:AgentDocs:Files:{i.ToString(CultureInfo.InvariantCulture)}={Path.GetFullPath(files[i])}");
            }

            using var server = Process.Start(start) ?? throw new CliException(ExitCodes.InternalError, $"cannot start '{start.FileName}'.");
            var registrations = ForwardedSignals.Select(signal => PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                UnixSignal.Send(server.Id, context.Signal);
            })).ToList();
            try
            {
                // The server's own lines go to stderr, but for its URL, which becomes the endpoint's on stdout;
                // its first administrator key is of no use for a data folder deleted at exit.
                string? line;
                while ((line = await server.StandardOutput.ReadLineAsync(CancellationToken.None).ConfigureAwait(false)) is not null)
                {
                    if (line.StartsWith(ListeningBanner, StringComparison.Ordinal))
                    {
                        await output.WriteLineAsync($"Agent-doc MCP endpoint (Streamable HTTP): {line[ListeningBanner.Length..].Trim().TrimEnd('/')}/mcp/agent-docs").ConfigureAwait(false);
                        await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    }
                    else if (!line.StartsWith(KeyBanner, StringComparison.Ordinal))
                    {
                        await error.WriteLineAsync(line).ConfigureAwait(false);
                    }
                }

                await server.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                return server.ExitCode;
            }
            finally
            {
                foreach (var registration in registrations)
                {
                    registration.Dispose();
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp folder, which the system cleans.
            }
        }
    }

    private static List<string> Files(IReadOnlyList<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, AgentDocSpec.FileName, new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseSensitive })
                    .Order(StringComparer.Ordinal);
                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new CliException(ExitCodes.UsageError, $"'{path}' does not exist; pass agent-doc.yaml files or folders that hold them.");
            }
        }

        return files.Distinct(StringComparer.Ordinal).ToList();
    }
#endif
}
