using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Cli.Store;

/// <summary>
/// Turns a command's <c>&lt;name|path&gt;</c> argument into a loaded, valid skill: an existing file or
/// folder is read from disk; anything else is <c>name[@range]</c> looked up in the store.
/// </summary>
internal static class SkillLocator
{
    public static async Task<SkillDefinition> LoadAsync(string reference, SkillStore store, CancellationToken cancellationToken)
    {
        string path;
        if (File.Exists(reference) || Directory.Exists(reference))
        {
            path = reference;
            if (Directory.Exists(path) && !File.Exists(Path.Combine(path, "SKILL.md")))
            {
                throw new CliException(ExitCodes.UsageError, $"the folder '{reference}' has no SKILL.md; pass a skill folder or a SKILL.md file.");
            }
        }
        else if (LooksLikePath(reference))
        {
            throw new CliException(ExitCodes.UsageError, $"'{reference}' does not exist; pass a skill folder, a SKILL.md file, or name[@range] of an installed skill.");
        }
        else
        {
            path = Find(reference, store).SkillFile;
        }

        try
        {
            return await SkillDefinition.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (SkillValidationException exception)
        {
            throw Invalid(path, exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UsageError, $"cannot read '{path}': {exception.Message}", exception.ToString(), exception);
        }
    }

    /// <summary>
    /// Whether <paramref name="text"/> can only be a path, never <c>name[@range]</c>: it has a
    /// separator, starts with a dot, or names a Markdown or package file.
    /// </summary>
    public static bool LooksLikePath(string text) =>
        text.IndexOfAny(['/', '\\']) >= 0
        || text.StartsWith('.')
        || text.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
        || text.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase)
        || text.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase);

    /// <summary>The installed entry for <c>name[@range]</c>, or a not-found error that says what is installed.</summary>
    public static StoreEntry Find(string reference, SkillStore store)
    {
        var request = SkillRequest.Parse(reference);
        var entry = store.Find(request.Name, request.Range);
        if (entry is not null)
        {
            return entry;
        }

        var installed = store.Versions(request.Name);
        if (installed.Count == 0)
        {
            throw new CliException(
                ExitCodes.NotFound,
                $"no skill '{request.Name}' is installed and there is no file or folder named '{reference}'; run 'skillrt list' to see what is installed, or 'skillrt install {request.Name}'.");
        }

        var versions = string.Join(", ", installed.Select(e => e.IsSound ? e.VersionText : e.VersionText + " (damaged)"));
        throw new CliException(
            ExitCodes.NotFound,
            $"no installed version of '{request.Name}' matches '{request.RangeText ?? "*"}' (installed: {versions}); install one with 'skillrt install {request}'.");
    }

    /// <summary>The error for an invalid skill: its errors in the compiler's format, then one summary line.</summary>
    public static CliException Invalid(string path, SkillValidationException exception)
    {
        var errors = exception.Diagnostics.Where(d => d.Severity == SkillDiagnosticSeverity.Error).ToList();
        return new CliException(ExitCodes.InvalidSkill, $"'{path}' is not a valid skill ({errors.Count} error{(errors.Count == 1 ? "" : "s")}); fix the lines above and try again.")
        {
            Diagnostics = errors.Select(d => d.ToString(path)).ToList(),
        };
    }
}
