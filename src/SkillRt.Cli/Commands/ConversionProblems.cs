using System.IO;
using System.Linq;

namespace SkillRt.Cli.Commands;

/// <summary>Turns an Agent Skills conversion that failed into the invalid-skill error: each problem in the compiler's format, then one summary line.</summary>
internal static class ConversionProblems
{
    /// <summary>The converted SKILL.md, or a <see cref="CliException"/> saying why it could not be <paramref name="what"/>.</summary>
    public static string ThrowIfFailed(AgentSkillsConversion conversion, string skillFile, string? sidecarFile, string what)
    {
        if (conversion.Succeeded)
        {
            return conversion.SkillMarkdown!;
        }

        var sidecar = sidecarFile ?? Path.Combine(Path.GetDirectoryName(skillFile) ?? string.Empty, AgentSkillsFormat.SidecarFileName);
        var count = conversion.Problems.Count;
        throw new CliException(
            ExitCodes.InvalidSkill,
            $"'{skillFile}' cannot be {what} ({count} problem{(count == 1 ? string.Empty : "s")}); fix the lines above and try again.")
        {
            Diagnostics = conversion.Problems.Select(p => p.ToString(p.InSidecar ? sidecar : skillFile)).ToList(),
        };
    }
}
