using System;
using System.Text.RegularExpressions;

namespace SkillRt.Schemas;

/// <summary>
/// One schema <c>pattern</c> (or <c>patternProperties</c> key), compiled once to match in bounded
/// time and with ECMA-262's meaning where .NET's differs, through the same
/// <see cref="EcmaPattern"/> as the build and the generated readers (linked source), so typed and dynamic checks match the same strings.
/// </summary>
internal sealed class SchemaPattern
{
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
        var translated = EcmaPattern.ToDotNet(source);
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
