using System.Collections.Generic;
using System.Text;

namespace SkillRt.Scanning.Rules.Names;

/// <summary>
/// A skeleton in the spirit of Unicode TR39 (section 4): two names with the same skeleton look alike.
/// Letters from Cyrillic, Greek, fullwidth and other scripts that look like Latin letters map to those
/// letters, and so do look-alike ASCII sequences (<c>0</c>→<c>o</c>; <c>1</c>, <c>I</c>, <c>i</c>, <c>|</c>→<c>l</c>;
/// <c>rn</c>→<c>m</c>; <c>vv</c>→<c>w</c>), then the result is lower-cased. It is a curated subset of
/// confusables.txt covering what fits in a package name, not the whole table.
/// </summary>
internal static class Confusables
{
    private static readonly Dictionary<char, char> Map = Build();

    public static string Skeleton(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var mapped = Map.TryGetValue(c, out var latin) ? latin : c;
            mapped = char.ToLowerInvariant(mapped);
            builder.Append(mapped is '1' or 'i' or '|' or '!' ? 'l' : mapped == '0' ? 'o' : mapped);
        }

        return builder.Replace("rn", "m").Replace("vv", "w").Replace("cl", "d").ToString();
    }

    /// <summary>The scripts a name's letters come from (Latin, Cyrillic, Greek, Other), ignoring digits and punctuation.</summary>
    public static ISet<string> Scripts(string name)
    {
        var scripts = new HashSet<string>();
        foreach (var c in name)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            scripts.Add(c switch
            {
                <= '\u024F' => "Latin",
                >= '\u0370' and <= '\u03FF' => "Greek",
                >= '\u0400' and <= '\u052F' => "Cyrillic",
                >= '\uFF00' and <= '\uFFEF' => "Fullwidth",
                _ => "Other",
            });
        }

        return scripts;
    }

    private static Dictionary<char, char> Build()
    {
        var map = new Dictionary<char, char>();
        void Add(string from, string to)
        {
            for (var i = 0; i < from.Length; i++)
            {
                map[from[i]] = to[i];
            }
        }

        // Cyrillic.
        Add("аеорсухіјԁѕһкАВЕКМНОРСТХІЈЅҮԛԝ", "aeopcyxijdshkABEKMHOPCTXIJSYqw");
        // Greek.
        Add("αοριτυχνκεΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "aopitvxvkeABEZHIKMNOPTYX");
        // Latin look-alikes outside ASCII: dotless i, script l, long s, small capitals.
        Add("ıℓſɡɑʟ", "ilsgal");
        // Fullwidth ASCII.
        for (var c = '\uFF01'; c <= '\uFF5E'; c++)
        {
            map[c] = (char)(c - 0xFEE0);
        }

        return map;
    }
}
