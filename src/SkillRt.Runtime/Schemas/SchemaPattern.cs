using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using SkillRt.Generators;

namespace SkillRt.Schemas;

/// <summary>
/// One schema <c>pattern</c> (or <c>patternProperties</c> key), compiled once to match in bounded
/// time and with ECMA-262's meaning where .NET's differs, through the generator's own
/// <see cref="EcmaPattern"/> (linked source), so typed and dynamic checks match the same strings.
/// </summary>
internal sealed partial class SchemaPattern
{
    // ECMA-262's long General_Category names (\p{Letter}); .NET knows only the short ones (\p{L}).
    private static readonly Dictionary<string, string> Categories = new(StringComparer.Ordinal)
    {
        ["Letter"] = "L", ["Cased_Letter"] = "L", ["Uppercase_Letter"] = "Lu", ["Lowercase_Letter"] = "Ll", ["Titlecase_Letter"] = "Lt",
        ["Modifier_Letter"] = "Lm", ["Other_Letter"] = "Lo", ["Mark"] = "M", ["Nonspacing_Mark"] = "Mn", ["Spacing_Mark"] = "Mc",
        ["Enclosing_Mark"] = "Me", ["Number"] = "N", ["Decimal_Number"] = "Nd", ["digit"] = "Nd", ["Letter_Number"] = "Nl", ["Other_Number"] = "No",
        ["Punctuation"] = "P", ["punct"] = "P", ["Connector_Punctuation"] = "Pc", ["Dash_Punctuation"] = "Pd", ["Open_Punctuation"] = "Ps",
        ["Close_Punctuation"] = "Pe", ["Initial_Punctuation"] = "Pi", ["Final_Punctuation"] = "Pf", ["Other_Punctuation"] = "Po",
        ["Symbol"] = "S", ["Math_Symbol"] = "Sm", ["Currency_Symbol"] = "Sc", ["Modifier_Symbol"] = "Sk", ["Other_Symbol"] = "So",
        ["Separator"] = "Z", ["Space_Separator"] = "Zs", ["Line_Separator"] = "Zl", ["Paragraph_Separator"] = "Zp",
        ["Other"] = "C", ["Control"] = "Cc", ["cntrl"] = "Cc", ["Format"] = "Cf", ["Surrogate"] = "Cs", ["Private_Use"] = "Co", ["Unassigned"] = "Cn",
    };

    private readonly Regex? _regex;

    private SchemaPattern(string source, Regex? regex, bool isLinear)
    {
        Source = source;
        _regex = regex;
        IsLinear = isLinear;
    }

    /// <summary>The pattern as the schema wrote it.</summary>
    public string Source { get; }

    /// <summary>True when matching takes time linear in the value (the non-backtracking engine), so it cannot time out in practice.</summary>
    public bool IsLinear { get; }

    /// <summary>Whether the pattern could be compiled at all.</summary>
    public bool IsValid => _regex is not null;

    public static SchemaPattern Compile(string source, TimeSpan matchTimeout)
    {
        var translated = EcmaPattern.ToDotNet(UnicodeCategories().Replace(
            source, static m => Categories.TryGetValue(m.Groups[2].Value, out var name) ? $"\\{m.Groups[1].Value}{{{name}}}" : m.Value));
        try
        {
            // Same matches as the backtracking engine for IsMatch; it lacks only constructs such as
            // backreferences and lookarounds, for which it throws NotSupportedException.
            return new SchemaPattern(source, new Regex(translated, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeout), isLinear: true);
        }
        catch (NotSupportedException)
        {
            return new SchemaPattern(source, new Regex(translated, RegexOptions.CultureInvariant, matchTimeout), isLinear: false);
        }
        catch (ArgumentException)
        {
            // The validator rejects invalid patterns (SKILL0402); a schema built by hand may still hold one.
            return new SchemaPattern(source, null, isLinear: true);
        }
    }

    [GeneratedRegex(@"\\([pP])\{(?:(?:General_Category|gc)=)?([A-Za-z_]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex UnicodeCategories();

    /// <summary>Matches <paramref name="value"/>; <see langword="null"/> when the match ran out of time or the pattern is not valid.</summary>
    public bool? IsMatch(string value)
    {
        if (_regex is null)
        {
            return null;
        }

        try
        {
            return _regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }
}
