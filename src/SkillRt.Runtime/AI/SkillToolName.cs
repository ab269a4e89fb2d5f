using System.Text;

namespace SkillRt;

/// <summary>
/// The name a skill is offered under as a tool: its own name with every character that model providers
/// refuse in a function name replaced by <c>_</c>, at most 64 characters (the intersection of what
/// OpenAI, Anthropic, Gemini and MCP clients accept). Frontmatter names are lowercase kebab-case
/// already and never change; only prose skills, named after their folder, can.
/// </summary>
internal static class SkillToolName
{
    /// <summary>The longest name given out.</summary>
    public const int MaxLength = 64;

    /// <summary>The tool-safe form of <paramref name="skillName"/>.</summary>
    public static string For(string skillName)
    {
        var name = new StringBuilder(skillName.Length);
        foreach (var character in skillName)
        {
            if (name.Length == MaxLength)
            {
                break;
            }

            name.Append(char.IsAsciiLetterOrDigit(character) || character is '_' or '-' ? character : '_');
        }

        return name.Length == 0 ? "skill" : name.ToString();
    }
}
