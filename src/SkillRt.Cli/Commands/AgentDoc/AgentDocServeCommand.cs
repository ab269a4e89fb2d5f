using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.AgentDoc;

#if !SKILL_NATIVE_FRONT
using ModelContextProtocol.Server;
#endif

namespace SkillRt.Cli.Commands.AgentDoc;

/// <summary>
/// <c>skillrt agent-doc serve &lt;files|folders...&gt;</c>: an MCP server over standard input and output that
/// answers agent-doc queries (<see cref="AgentDocTools"/>) from the agent-doc.yaml files given, folders
/// searched recursively. Every file is validated first; a bad one is reported on standard error, with its
/// diagnostics at their lines, and left out; the rest are served. Standard output carries only MCP messages.
/// </summary>
internal static class AgentDocServeCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "agent-doc.yaml files, or folders searched recursively for agent-doc.yaml.", Arity = ArgumentArity.OneOrMore };
        var maxTokens = new Option<int?>("--max-tokens") { Description = $"The most tokens an answer takes when the caller does not say (default {new AgentDocToolOptions().DefaultMaxTokens})." };
        var command = new Command("serve", "Serve agent-docs to agents over MCP (standard input and output): resolve a library, search operations, get an operation or a workflow.")
        {
            paths,
            maxTokens,
        };
#if SKILL_NATIVE_FRONT
        // As validate does: the agent-doc library and the MCP server run in the host (Native/HostProcess.cs), which inherits stdin and stdout.
        command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(paths)!,
            parseResult.GetValue(maxTokens),
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
#endif
        return command;
    }

#if !SKILL_NATIVE_FRONT
    private static async Task<int> RunAsync(string[] paths, int? maxTokens, TextWriter error, CancellationToken cancellationToken)
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

        var catalog = await LoadAsync(paths, error, cancellationToken).ConfigureAwait(false);
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
    internal static async Task<AgentDocCatalog> LoadAsync(IReadOnlyList<string> paths, TextWriter error, CancellationToken cancellationToken)
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
        await error.WriteLineAsync($"skillrt: serving {AgentDocFiles.Count(catalog.Count, "agent-doc")} over MCP on standard input/output: {listing}{(rejected > 0 ? $" ({rejected} not served, see above)" : string.Empty)}.").ConfigureAwait(false);
        return catalog;
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
