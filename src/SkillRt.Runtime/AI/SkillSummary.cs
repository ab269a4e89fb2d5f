using System;

namespace SkillRt;

/// <summary>
/// What a skill says it does, for a model choosing among tools: its description, or for a skill
/// without one (a prose skill has no frontmatter) the first paragraph of its instructions that is
/// neither a heading nor code, which in such files is where the author says when to use it.
/// </summary>
internal static class SkillSummary
{
    /// <summary>The longest summary, the Agent Skills limit on a description.</summary>
    public const int MaxLength = 1024;

    /// <summary>The summary of <paramref name="descriptor"/>; its name when the instructions have no prose at all.</summary>
    public static string Of(SkillDescriptor descriptor)
    {
        if (!string.IsNullOrWhiteSpace(descriptor.Description))
        {
            return descriptor.Description.Trim();
        }

        var paragraph = FirstParagraph(descriptor.Instructions);
        if (paragraph.Length == 0)
        {
            return descriptor.Name;
        }

        return paragraph.Length <= MaxLength ? paragraph : paragraph[..(MaxLength - 1)].TrimEnd() + "…";
    }

    private static string FirstParagraph(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var paragraph = new System.Text.StringBuilder();
        var inFence = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
            {
                inFence = !inFence;
                if (paragraph.Length > 0)
                {
                    break;
                }

                continue;
            }

            if (inFence)
            {
                continue;
            }

            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("<!--", StringComparison.Ordinal))
            {
                if (paragraph.Length > 0)
                {
                    break;
                }

                continue;
            }

            paragraph.Append(paragraph.Length > 0 ? " " : string.Empty).Append(line);
        }

        return paragraph.ToString();
    }
}
