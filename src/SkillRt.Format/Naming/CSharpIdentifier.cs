using System.Text;

namespace SkillRt;

/// <summary>
/// Turns skill, input and enum names into the C# identifiers the generator emits, so the validator
/// can report collisions (<c>pr_url</c> and <c>prUrl</c> both become <c>PrUrl</c>) before the generator runs.
/// </summary>
internal static class CSharpIdentifier
{
    /// <summary>
    /// PascalCase: words are split at <c>_</c>, <c>-</c>, <c>.</c>, spaces and other non-identifier
    /// characters, and each word's first letter is upper-cased. A leading digit gets a <c>_</c> prefix.
    /// </summary>
    public static string ToPascalCase(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        var upperNext = true;
        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c))
            {
                upperNext = true;
                continue;
            }

            if (builder.Length == 0 && char.IsDigit(c))
            {
                builder.Append('_');
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        return builder.Length == 0 ? "_" : builder.ToString();
    }
}
