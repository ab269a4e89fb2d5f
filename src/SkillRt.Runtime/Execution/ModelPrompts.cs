using System.Collections.Generic;
using System.Text;

namespace SkillRt.Execution;

/// <summary>The fixed wording SkillRt adds to a skill's own instructions: the output contract and the repair request.</summary>
internal static class ModelPrompts
{
    /// <summary>What the output must be: a system message after the instructions; empty for text outputs.</summary>
    public static string OutputContract(SkillDescriptor descriptor) => descriptor.OutputType switch
    {
        SkillOutputType.Json when descriptor.OutputSchema is { } schema =>
            "## Output\n\nAnswer with one JSON value that matches this JSON Schema, and nothing else: no prose and no code fences.\n\n" + schema,
        SkillOutputType.Json =>
            "## Output\n\nAnswer with one JSON value, and nothing else: no prose and no code fences.",
        SkillOutputType.File =>
            "## Output\n\nWrite the output to a file, then answer with only that file's path.",
        _ => string.Empty,
    };

    /// <summary>The user message that sends an invalid output back with every violation.</summary>
    public static string Repair(SkillOutputType outputType, IReadOnlyList<SkillViolation> violations)
    {
        var builder = new StringBuilder("Your answer does not meet the output contract:\n");
        foreach (var violation in violations)
        {
            builder.Append("- ").Append(violation).Append('\n');
        }

        builder.Append('\n').Append(outputType == SkillOutputType.File
            ? "Fix the file, then answer again with only its path."
            : "Answer again with the corrected JSON value only.");
        return builder.ToString();
    }
}
