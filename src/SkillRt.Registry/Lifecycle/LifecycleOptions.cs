using System;

namespace SkillRt.Registry.Lifecycle;

/// <summary>The <c>SkillRt:Registry:Lifecycle</c> configuration section; validated at start-up.</summary>
public sealed class LifecycleOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "SkillRt:Registry:Lifecycle";

    /// <summary>The longest a deletion window may be.</summary>
    public static readonly TimeSpan MaxDeleteWindow = TimeSpan.FromDays(30);

    /// <summary>
    /// How long after publishing its owners may delete a version (when nothing depends on it); 72 hours
    /// by default, as crates.io. 0 turns deletion off: versions can then only be unlisted, deprecated or yanked.
    /// </summary>
    public TimeSpan DeleteWindow { get; set; } = TimeSpan.FromHours(72);
}
