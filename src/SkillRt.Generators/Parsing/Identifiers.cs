using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;

namespace SkillRt.Generators;

/// <summary>Turns names from SKILL.md files and item metadata into C# identifiers.</summary>
internal static class Identifiers
{
    /// <summary>Members every record already has; a property with one of these names would hide or clash with it.</summary>
    private static readonly HashSet<string> RecordMembers = new(System.StringComparer.Ordinal)
    {
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
        "EqualityContract", "PrintMembers", "Deconstruct",
    };

    public static string ToPascalCase(string name) => CSharpIdentifier.ToPascalCase(name);

    /// <summary>
    /// Prefixes <c>@</c> when the identifier is a C# keyword, so <c>class</c> stays usable as a name.
    /// Contextual keywords are escaped too: <c>record</c> or <c>required</c> are not valid type names unescaped.
    /// </summary>
    public static string Escape(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(identifier) != SyntaxKind.None
            ? "@" + identifier
            : identifier;

    /// <summary>Whether the text is one identifier (before escaping).</summary>
    public static bool IsIdentifier(string text) => SyntaxFacts.IsValidIdentifier(text.StartsWith("@", System.StringComparison.Ordinal) ? text.Substring(1) : text);

    /// <summary>Whether the text is a dotted namespace of identifiers.</summary>
    public static bool IsNamespace(string text)
    {
        foreach (var part in text.Split('.'))
        {
            if (!IsIdentifier(part))
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    /// <summary>Escapes each part of a dotted namespace.</summary>
    public static string EscapeNamespace(string text) => string.Join(".", System.Array.ConvertAll(text.Split('.'), Escape));

    /// <summary>Gives each property of a record a C# name that is unique, is not the record's own name and hides nothing.</summary>
    public static List<string> PropertyNames(string recordName, IReadOnlyList<string> jsonNames)
    {
        var taken = new HashSet<string>(RecordMembers, System.StringComparer.Ordinal) { recordName };
        var names = new List<string>(jsonNames.Count);
        foreach (var jsonName in jsonNames)
        {
            names.Add(Claim(taken, ToPascalCase(jsonName)));
        }

        return names;
    }

    /// <summary>
    /// Claims <paramref name="name"/>, or when it is taken <c>nameValue</c> (for properties, where
    /// <c>ToStringValue</c> reads well) and then <c>name2</c>, <c>name3</c>, ….
    /// </summary>
    public static string Claim(HashSet<string> taken, string name, bool tryValueSuffix = true)
    {
        if (taken.Add(name))
        {
            return name;
        }

        if (tryValueSuffix && taken.Add(name + "Value"))
        {
            return name + "Value";
        }

        for (var i = 2; ; i++)
        {
            var candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
