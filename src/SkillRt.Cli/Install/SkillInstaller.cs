using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Store;

namespace SkillRt.Cli.Install;

/// <summary>
/// Installs skills all or nothing: every skill is copied into its own staging folder and its copy
/// validated (so what is checked is exactly what lands in the store); only when every one is valid,
/// and no two share a name, is each published into the store. With <c>--skip-invalid</c> the valid
/// ones are published and the invalid ones reported (exit code 1). Staging folders that were not
/// published are removed whatever happens, and are owned (<see cref="StagingFolder"/>) until then, so
/// a later command removes them if this process is killed.
/// </summary>
internal sealed class SkillInstaller
{
    // The staged copy sits in a folder with a random name, so the name-versus-folder warning means nothing there.
    private static readonly SkillValidationOptions StagedCopy = new() { CheckFolderName = false };

    private readonly SkillStore _store;
    private readonly TextWriter _output;
    private readonly IProgress<string>? _progress;

    /// <param name="store">Where the skills go.</param>
    /// <param name="output">Where the one line per installed skill goes (stdout).</param>
    /// <param name="progress">Told which skill is being checked or installed, for a terminal's status line.</param>
    public SkillInstaller(SkillStore store, TextWriter output, IProgress<string>? progress = null)
    {
        _store = store;
        _output = output;
        _progress = progress;
    }

    /// <summary>Installs <paramref name="sources"/>, printing one line per skill.</summary>
    /// <param name="sources">The skills, at least one.</param>
    /// <param name="origin">What the user named (a path, a package), for messages about the whole set.</param>
    /// <param name="force">Replace versions that are already installed.</param>
    /// <param name="skipInvalid">Install the valid skills and report the invalid ones, rather than install none.</param>
    /// <param name="cancellationToken">Cancels the install; nothing half-copied is left in the store.</param>
    /// <param name="notes">Text added to a skill's line, by skill name, such as <c>(needed by pr-review 1.1.0)</c>.</param>
    /// <returns>What happened to each skill, in the order they were installed.</returns>
    public async Task<IReadOnlyList<InstalledSkill>> InstallAsync(
        IReadOnlyList<SkillSource> sources, string origin, bool force, bool skipInvalid, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? notes = null)
    {
        var installed = new List<InstalledSkill>(sources.Count);
        var staged = new List<StagedSkill>(sources.Count);
        try
        {
            var invalid = new List<(SkillSource Source, IReadOnlyList<SkillDiagnostic> Errors)>();
            foreach (var source in sources)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _progress?.Report(sources.Count == 1 ? $"checking {source.DisplayPath}" : $"checking {staged.Count + 1} of {sources.Count} skills: {source.DisplayPath}");
                var folder = Stage(source);
                staged.Add(new StagedSkill(source, folder));
                StoreTestHook.Reach(StoreTestHook.Staged);
                var result = Validate(source, folder.Path);
                var errors = result.Diagnostics.Where(d => d.Severity == SkillDiagnosticSeverity.Error).ToList();
                if (errors.Count > 0)
                {
                    invalid.Add((source, errors));
                    continue;
                }

                var name = result.Manifest.Name ?? source.FallbackName;
                if (!SkillStore.IsStoreName(name))
                {
                    throw new CliException(
                        ExitCodes.UsageError,
                        $"'{source.DisplayPath}' has no name, and '{name}' cannot be one; add frontmatter with name: and description:, or put the file in a folder named after the skill.");
                }

                staged[^1].Name = name;
                staged[^1].Version = result.Manifest.Version ?? SkillStore.UnversionedVersion;
                staged[^1].IsValid = true;
            }

            if (invalid.Count > 0 && (!skipInvalid || invalid.Count == sources.Count))
            {
                throw Invalid(invalid, sources.Count, origin);
            }

            var valid = staged.Where(s => s.IsValid).ToList();
            var duplicate = valid.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                var paths = string.Join(" and ", duplicate.Select(s => $"'{s.Source.DisplayPath}'"));
                throw new CliException(
                    ExitCodes.UsageError,
                    $"{paths} are both the skill '{duplicate.Key}', so '{origin}' cannot be installed as one; nothing was installed. Rename or remove one of them, or install them one at a time.");
            }

            foreach (var skill in valid)
            {
                _progress?.Report($"installing {skill.Name} {skill.Version}");
                // PublishAsync consumes the staging folder whatever the outcome (moved in, or deleted).
                var outcome = await _store.PublishAsync(skill.Folder.Path, skill.Name, skill.Version, replace: force, cancellationToken).ConfigureAwait(false);
                var entry = Path.Combine(_store.SkillsDirectory, skill.Name, skill.Version.ToString());
                var line = outcome switch
                {
                    InstallOutcome.AlreadyInstalled => $"{skill.Name} {skill.Version} is already installed at {entry}; pass --force to reinstall",
                    InstallOutcome.Replaced => $"Reinstalled {skill.Name} {skill.Version} to {entry}",
                    _ => $"Installed {skill.Name} {skill.Version} to {entry}",
                };
                if (notes?.GetValueOrDefault(skill.Name) is { } note)
                {
                    line += " " + note;
                }

                await _output.WriteLineAsync(line).ConfigureAwait(false);
                installed.Add(new InstalledSkill(skill.Name, skill.Version, outcome, entry));
            }

            if (invalid.Count > 0)
            {
                throw Skipped(invalid, sources.Count, origin);
            }

            return installed;
        }
        finally
        {
            // Deletes what was not published, then lets go of the folders.
            foreach (var skill in staged)
            {
                skill.Folder.Dispose();
            }
        }
    }

    private StagingFolder Stage(SkillSource source)
    {
        StagingFolder folder;
        try
        {
            folder = _store.CreateStagingFolder();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(
                ExitCodes.StoreError,
                $"cannot create a staging folder in the skill store '{_store.Root}': {exception.Message}; check the folder's permissions and free space.",
                exception.ToString(),
                exception);
        }

        try
        {
            source.CopyTo(folder.Path);
            return folder;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            folder.Dispose();
            throw new CliException(
                ExitCodes.StoreError,
                $"cannot copy '{source.DisplayPath}' into the skill store's staging folder '{folder.Path}': {exception.Message}; check that the skill's files are readable and the store is writable.",
                exception.ToString(),
                exception);
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    private static SkillValidationResult Validate(SkillSource source, string folder)
    {
        var file = Path.Combine(folder, "SKILL.md");
        try
        {
            return SkillValidator.Validate(SkillDocument.Load(file), StagedCopy);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(
                ExitCodes.StoreError,
                $"cannot read the staged copy of '{source.DisplayPath}' at '{file}': {exception.Message}; check the store's permissions.",
                exception.ToString(),
                exception);
        }
    }

    /// <summary>The refusal: every error of every invalid skill in the compiler's format, then one summary line.</summary>
    private static CliException Invalid(List<(SkillSource Source, IReadOnlyList<SkillDiagnostic> Errors)> invalid, int total, string origin)
    {
        var errors = ErrorCount(invalid);
        var message = total == 1
            ? $"'{invalid[0].Source.DisplayPath}' is not a valid skill ({errors}); it was not installed. Fix the lines above and try again."
            : $"{invalid.Count} of the {total} skills in '{origin}' are not valid ({errors}); nothing was installed. Fix the lines above and try again.";
        return new CliException(ExitCodes.InvalidSkill, message) { Diagnostics = DiagnosticLines(invalid) };
    }

    /// <summary>After <c>--skip-invalid</c> installed the valid skills: the skipped ones' errors, then one summary line; still exit code 1.</summary>
    private static CliException Skipped(List<(SkillSource Source, IReadOnlyList<SkillDiagnostic> Errors)> invalid, int total, string origin)
    {
        var skipped = invalid.Count == 1 ? "1 skill" : $"{invalid.Count} skills";
        var rest = total - invalid.Count;
        var message = $"skipped {skipped} of the {total} in '{origin}' that {(invalid.Count == 1 ? "is" : "are")} not valid ({ErrorCount(invalid)}); the other {rest} {(rest == 1 ? "is" : "are")} installed. Fix the lines above and install again.";
        return new CliException(ExitCodes.InvalidSkill, message) { Diagnostics = DiagnosticLines(invalid) };
    }

    private static string ErrorCount(List<(SkillSource Source, IReadOnlyList<SkillDiagnostic> Errors)> invalid)
    {
        var count = invalid.Sum(i => i.Errors.Count);
        return $"{count} error{(count == 1 ? string.Empty : "s")}";
    }

    private static List<string> DiagnosticLines(List<(SkillSource Source, IReadOnlyList<SkillDiagnostic> Errors)> invalid) =>
        invalid.SelectMany(i => i.Errors.Select(d => d.ToString(i.Source.DisplayPath))).ToList();

    private sealed class StagedSkill(SkillSource source, StagingFolder folder)
    {
        public SkillSource Source { get; } = source;

        public StagingFolder Folder { get; } = folder;

        /// <summary>The store name, once the staged copy is valid.</summary>
        public string Name { get; set; } = string.Empty;

        public SemanticVersion Version { get; set; } = SkillStore.UnversionedVersion;

        /// <summary>Whether the staged copy has no errors; only valid skills are published.</summary>
        public bool IsValid { get; set; }
    }
}
