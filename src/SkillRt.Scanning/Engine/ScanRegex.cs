using System;
using System.Text.RegularExpressions;

namespace SkillRt.Scanning.Engine;

/// <summary>
/// How every scanner pattern is built. On .NET the patterns run on the non-backtracking engine, whose
/// matching time is linear in the input whatever the pattern and the text, so no match timeout is set:
/// a timeout measured by the wall clock fires on a loaded machine, not on a hostile input, and a
/// timeout finding (High) would quarantine a clean package. The scan's cost is bounded by what it reads
/// (<see cref="ScanOptions.MaxFileBytes"/>, <see cref="ScanOptions.MaxTotalBytes"/>,
/// <see cref="ScanOptions.MaxFiles"/>) instead. The engine has no lookarounds, backreferences or atomic
/// groups, so no pattern uses them (a test builds every pattern to prove it).
/// On netstandard2.0 (inside MSBuild, for <c>dotnet pack</c> warnings) that engine does not exist: the
/// patterns are written without nested quantifiers, so backtracking stays linear too, and the long
/// timeout is only a backstop against a defect; hitting it there is a pack warning, never a quarantine.
/// </summary>
internal static class ScanRegex
{
#if NET
    /// <summary>No per-match timeout: the non-backtracking engine is linear in the input.</summary>
    public static readonly TimeSpan Timeout = Regex.InfiniteMatchTimeout;

    private const RegexOptions Engine = RegexOptions.NonBacktracking;
#else
    /// <summary>A backstop far beyond any honest match (a 1 MiB file matches in milliseconds).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private const RegexOptions Engine = RegexOptions.None;
#endif

    private static readonly Regex Whitespace = Create(@"\s+");

    /// <summary>Builds a scanner pattern on the engine of this target, culture-invariant.</summary>
    public static Regex Create(string pattern, RegexOptions options = RegexOptions.None) =>
        new(pattern, options | RegexOptions.CultureInvariant | Engine, Timeout);

    /// <summary>Runs of white space as one space, for evidence quoted in a message.</summary>
    public static string Collapse(string text) => Whitespace.Replace(text, " ");
}
