using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.AgentDoc;

#if !SKILL_NATIVE_FRONT
namespace SkillRt.Cli.Running;

/// <summary>
/// The agent-docs <c>skillrt run</c> gives a skill that declares <c>dependencies.agent-docs</c>: the files and
/// folders passed with <c>--agent-doc</c>, and the agent-docs in the skill's own folder. Every declared doc
/// must be found there in a version its range accepts, or the run fails before the model is called, naming
/// the doc, the range and where it looked. Which operations a version has, the runner checks as it offers
/// the doc tools (the same failure, naming the closest IDs).
/// </summary>
internal static class RunAgentDocs
{
    /// <summary>In a folder, these are agent-docs: the spec's file name, and <c>{name}.agent-doc.yaml</c>.</summary>
    private const string NamedPattern = "*." + AgentDocSpec.FileName;

    /// <summary>The catalog for <paramref name="skill"/>'s run, or null when it declares no agent-docs.</summary>
    /// <param name="skill">The skill to run.</param>
    /// <param name="paths">The <c>--agent-doc</c> files and folders.</param>
    /// <param name="error">Standard error, for files that are not used and why.</param>
    /// <param name="verbose">Whether to say which file each declared doc comes from.</param>
    /// <param name="cancellationToken">Cancels reading the files.</param>
    /// <exception cref="CliException">An <c>--agent-doc</c> path does not exist (exit 2), or a declared doc is not found in range (exit 4).</exception>
    public static async Task<AgentDocCatalog?> ResolveAsync(SkillDefinition skill, IReadOnlyList<string> paths, TextWriter error, bool verbose, CancellationToken cancellationToken)
    {
        var declared = skill.Manifest.Dependencies.AgentDocs;
        if (declared.Count == 0)
        {
            if (paths.Count > 0)
            {
                await error.WriteLineAsync($"skillrt: note: {skill.Name} declares no agent-docs (dependencies.agent-docs), so --agent-doc is not used.").ConfigureAwait(false);
            }

            return null;
        }

        var places = new List<string>();
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(Path.GetFullPath(path));
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(InFolder(path));
            }
            else
            {
                throw new CliException(ExitCodes.UsageError, $"--agent-doc '{path}' does not exist; pass an agent-doc.yaml file, or a folder that holds agent-doc.yaml or *.agent-doc.yaml files.");
            }

            places.Add("--agent-doc " + path);
        }

        if (skill.Directory is { } folder)
        {
            files.AddRange(InFolder(folder));
            places.Add("the skill's folder " + folder);
        }

        var found = await LoadAsync(files.Distinct(StringComparer.Ordinal), error, cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        foreach (var dependency in declared)
        {
            var candidates = found.Where(f => string.Equals(f.Document.Identity.Name, dependency.Name, StringComparison.Ordinal)).ToList();
            var version = AgentDocVersions.HighestAccepted(candidates.Select(c => c.Document.Identity.Version), dependency.Range);
            if (version is null)
            {
                var seen = candidates.Count == 0 ? "none of that name" : string.Join(", ", candidates.Select(c => $"{c.Document.Identity.Version} ({c.Path})"));
                problems.Add($"{dependency} (found: {seen})");
            }
            else if (verbose)
            {
                var source = candidates.First(c => c.Document.Identity.Version == version).Path;
                await error.WriteLineAsync($"skillrt: agent-doc {dependency}: {dependency.Name} {version} from {source}").ConfigureAwait(false);
            }
        }

        if (problems.Count > 0)
        {
            var where = places.Count == 0 ? "nowhere (no --agent-doc was given and the skill has no folder)" : string.Join(" and ", places);
            throw new CliException(
                ExitCodes.RunFailed,
                $"{skill.Name} cannot run: it declares {(problems.Count == 1 ? "an agent-doc" : $"{problems.Count} agent-docs")} not found in a version its range accepts; looked in {where}. Pass the agent-doc with --agent-doc <file|folder> (write one from OpenAPI with 'skillrt agent-doc from-openapi'), or put it in the skill's folder as agent-doc.yaml or <name>.agent-doc.yaml.")
            {
                Diagnostics = problems.Select(p => "  - agent-doc " + p).ToList(),
            };
        }

        return new AgentDocCatalog(found.Select(f => f.Document));
    }

    private static IEnumerable<string> InFolder(string folder)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseSensitive };
        return Directory.EnumerateFiles(folder, AgentDocSpec.FileName, options)
            .Concat(Directory.EnumerateFiles(folder, NamedPattern, options))
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
    }

    // A file that is not a valid agent-doc is not used, and says why; a second file with a name and version
    // already found is not used either (the catalog holds one document per version).
    private static async Task<List<(string Path, AgentDocument Document)>> LoadAsync(IEnumerable<string> files, TextWriter error, CancellationToken cancellationToken)
    {
        var found = new List<(string Path, AgentDocument Document)>();
        var hashes = new Dictionary<(string Name, string Version), (string Path, string? Hash)>();
        foreach (var file in files)
        {
            AgentDocReadResult result;
            try
            {
                result = await AgentDocReader.LoadAsync(file, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"skillrt: warning: {file}: not used as an agent-doc: {exception.Message}").ConfigureAwait(false);
                continue;
            }

            if (result.Document is null || result.HasErrors)
            {
                var first = result.Diagnostics.FirstOrDefault(d => d.Severity == SkillDiagnosticSeverity.Error);
                await error.WriteLineAsync($"skillrt: warning: {file}: not used as an agent-doc, it has errors{(first is null ? string.Empty : $" ({first.ToString(file)})")}; check it with: skillrt agent-doc validate {file}").ConfigureAwait(false);
                continue;
            }

            var identity = result.Document.Identity;
            if (hashes.TryGetValue((identity.Name, identity.Version), out var earlier))
            {
                if (earlier.Hash != result.ComputedContentHash)
                {
                    await error.WriteLineAsync($"skillrt: warning: {file}: not used: {identity.Name} {identity.Version} comes from {earlier.Path} already, with different content; give one of them its own version.").ConfigureAwait(false);
                }

                continue;
            }

            hashes[(identity.Name, identity.Version)] = (file, result.ComputedContentHash);
            found.Add((file, result.Document));
        }

        return found;
    }
}
#endif
