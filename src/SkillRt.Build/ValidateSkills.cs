using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace SkillRt.Build;

/// <summary>
/// Validates <c>SkillFile</c> items and reports every diagnostic the way the compiler does,
/// <c>path(line,col): error SKILLnnnn: message</c>, so the build fails at the SKILL.md line.
/// </summary>
public sealed class ValidateSkills : Task
{
    /// <summary>The skill files to validate.</summary>
    [Required]
    public ITaskItem[] Skills { get; set; } = [];

    /// <summary>The skills that have no errors, with <c>SkillName</c> and <c>SkillVersion</c> metadata.</summary>
    [Output]
    public ITaskItem[] ValidSkills { get; private set; } = [];

    /// <inheritdoc />
    public override bool Execute()
    {
        var valid = new List<ITaskItem>(Skills.Length);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in Skills)
        {
            var path = item.GetMetadata("FullPath");

            // The same file listed twice (overlapping globs) is validated and reported once.
            if (!seen.Add(path))
            {
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
                DiagnosticLog.Report(Log, path, diagnostic);
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
