using System;
using System.Linq;

namespace SkillRt.Registry.Lifecycle;

/// <summary>The deprecation reasons NuGet's clients know, spelt as its registration documents spell them.</summary>
internal static class DeprecationReasons
{
    public const string Legacy = "Legacy";
    public const string CriticalBugs = "CriticalBugs";
    public const string Other = "Other";

    public static readonly string[] All = [Legacy, CriticalBugs, Other];

    /// <summary>The canonical spelling of <paramref name="reason"/> (any case), or null when NuGet does not know it.</summary>
    public static string? Canonical(string? reason) => All.FirstOrDefault(r => string.Equals(r, reason?.Trim(), StringComparison.OrdinalIgnoreCase));
}
