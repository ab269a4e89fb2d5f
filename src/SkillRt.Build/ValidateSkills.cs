using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace SkillRt.Build;

/// <summary>
/// Validates <c>SkillFile</c> items and reports every diagnostic the way the compiler does,
/// <c>path(line,col): error SKILLnnnn: message</c>, so the build fails at the SKILL.md line.
/// Items that are not skills (spec section 2.5: a README caught by <c>*.md</c>) are skipped, with
/// the info SKILL0011. Skills from packages (<c>SkillRtPackage</c> metadata) report errors only.
/// </summary>
public sealed class ValidateSkills : Task
{
    /// <summary>The skill files to validate.</summary>
    [Required]
    public ITaskItem[] Skills { get; set; } = [];

    /// <summary>Report errors only, no warnings or infos (<c>$(SkillErrorsOnly)</c>).</summary>
    public bool ErrorsOnly { get; set; }

    /// <summary>The skills that have no errors, with <c>SkillName</c> and <c>SkillVersion</c> metadata.</summary>
    [Output]
    public ITaskItem[] ValidSkills { get; private set; } = [];

    /// <inheritdoc />
    public override bool Execute()
    {
        var valid = new List<ITaskItem>(Skills.Length);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var skillFolders = SkillFileRule.SkillFolders(Skills.Select(item => item.GetMetadata("FullPath")));
        foreach (var item in Skills)
        {
            var path = item.GetMetadata("FullPath");

            // The same file listed twice (overlapping globs) is validated and reported once.
            if (!seen.Add(path))
            {
                continue;
            }

            var package = item.GetMetadata("SkillRtPackage");
            var errorsOnly = ErrorsOnly || package.Length > 0;
            if (!SkillFileRule.IsSkillFileName(path) && SkillFileRule.Check(path, SkillFileRule.FileStartsWithFrontmatter(path), skillFolders) is { } notASkill)
            {
                if (!errorsOnly)
                {
                    DiagnosticLog.Report(Log, path, notASkill);
                }

                continue;
            }

            SkillDocument document;
            try
            {
                document = SkillDocument.Load(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                Log.LogError(null, null, null, path, 0, 0, 0, 0, "Cannot read the skill file: " + exception.Message);
                continue;
            }

            var result = SkillValidator.Validate(document);
            foreach (var diagnostic in result.Diagnostics)
            {
                if (!errorsOnly || diagnostic.Severity == SkillDiagnosticSeverity.Error)
                {
                    DiagnosticLog.Report(Log, path, diagnostic, package.Length > 0 ? package : null);
                }
            }

            if (!result.HasErrors)
            {
                var output = new TaskItem(item);
                output.SetMetadata("SkillName", result.Manifest.Name ?? Path.GetFileName(Path.GetDirectoryName(path)));
                output.SetMetadata("SkillVersion", result.Manifest.Version?.ToString() ?? string.Empty);
                valid.Add(output);
            }
        }

        ValidSkills = valid.ToArray();
        return !Log.HasLoggedErrors;
    }
}
