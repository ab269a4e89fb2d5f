using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Evaluation;

/// <summary>
/// A skill and the eval cases kept in its folder (<c>evals/*.yaml</c>, spec/EVAL-SPEC.md), read and
/// checked against the skill: every problem is a located <see cref="SkillDiagnostic"/>, never an
/// exception. A suite with errors does not run.
/// </summary>
public sealed class EvalSuite
{
    /// <summary>The folder of a skill that holds its eval files.</summary>
    public const string EvalsFolderName = "evals";

    internal EvalSuite(SkillDefinition skill, string directory, IReadOnlyList<string> files, IReadOnlyList<EvalCase> cases, IReadOnlyList<SkillDiagnostic> diagnostics)
    {
        Skill = skill;
        Directory = directory;
        Files = files;
        Cases = cases;
        Diagnostics = diagnostics;
    }

    /// <summary>The skill the cases test.</summary>
    public SkillDefinition Skill { get; }

    /// <summary>The skill's folder; eval files and case names are relative to it.</summary>
    public string Directory { get; }

    /// <summary>The eval files read, full paths, in ordinal order of their names.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Every case that was read without errors, file by file, in the order written.</summary>
    public IReadOnlyList<EvalCase> Cases { get; }

    /// <summary>Every problem found, with the file (<see cref="SkillDiagnostic.FilePath"/>), line and column; errors first by file, then by line.</summary>
    public IReadOnlyList<SkillDiagnostic> Diagnostics { get; }

    /// <summary>Whether any diagnostic is an error; such a suite does not run.</summary>
    public bool HasErrors => Diagnostics.Any(diagnostic => diagnostic.Severity == SkillDiagnosticSeverity.Error);

    /// <summary>Loads the skill in <paramref name="skillDirectory"/> and its <c>evals/*.yaml</c> (and <c>*.yml</c>).</summary>
    /// <param name="skillDirectory">The skill's folder (holding SKILL.md and evals/), or its SKILL.md.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The suite; check <see cref="HasErrors"/> and <see cref="Diagnostics"/>.</returns>
    /// <exception cref="SkillValidationException">The SKILL.md itself has errors: there is nothing to test against.</exception>
    /// <exception cref="IOException">The folder or SKILL.md cannot be read.</exception>
    public static async Task<EvalSuite> LoadAsync(string skillDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(skillDirectory);
        var skill = await SkillDefinition.LoadAsync(skillDirectory, cancellationToken).ConfigureAwait(false);
        return await LoadAsync(skill, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads the eval files of a skill already loaded from disk.</summary>
    /// <param name="skill">A skill loaded from a folder (<see cref="SkillDefinition.Directory"/> is set).</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The suite; check <see cref="HasErrors"/> and <see cref="Diagnostics"/>.</returns>
    /// <exception cref="ArgumentException">The skill was not loaded from a folder.</exception>
    /// <exception cref="IOException">An eval file exists but cannot be read.</exception>
    public static async Task<EvalSuite> LoadAsync(SkillDefinition skill, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(skill);
        var directory = skill.Directory ?? (skill.Path is { } path ? System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) : null)
            ?? throw new ArgumentException("The skill was not loaded from a folder, so it has no evals/ folder; load it with SkillDefinition.LoadAsync(folder).", nameof(skill));
        directory = System.IO.Path.GetFullPath(directory);
        var evals = System.IO.Path.Combine(directory, EvalsFolderName);
        var files = System.IO.Directory.Exists(evals)
            ? System.IO.Directory.EnumerateFiles(evals)
                .Where(file => file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                .OrderBy(file => file, StringComparer.Ordinal)
                .ToList()
            : [];

        var reader = new EvalFileReader(skill, directory);
        if (files.Count == 0)
        {
            reader.ReportNoFiles(System.IO.Path.Combine(directory, "SKILL.md"), System.IO.Path.Combine(EvalsFolderName, "*.yaml"));
        }

        foreach (var file in files)
        {
            var length = new FileInfo(file).Length;
            if (length > EvalLimits.MaxFileBytes)
            {
                reader.ReportTooLarge(file, length);
                continue;
            }

            var bytes = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            reader.Read(file, bytes);
        }

        return reader.Finish(files);
    }
}
