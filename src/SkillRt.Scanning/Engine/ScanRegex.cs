using System;
using System.Text.RegularExpressions;

namespace SkillRt.Scanning.Engine;

/// <summary>
/// How every scanner pattern is built. Patterns are written without nested quantifiers, so matching is
/// linear in the input; the timeout is only a backstop, generous enough that a cold, loaded process
/// (first-use JIT of a compiled pattern on a busy build agent) never hits it, and a rule that hits it
/// reports the file for review instead of passing it. Compiled on .NET, where a long-lived registry
/// process gains from it; interpreted on netstandard2.0 (MSBuild), where start-up matters more.
/// </summary>
internal static class ScanRegex
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static Regex Create(string pattern, RegexOptions options = RegexOptions.None) =>
        new(pattern, options | RegexOptions.CultureInvariant
#if NET
            | RegexOptions.Compiled
#endif
            , Timeout);
}
