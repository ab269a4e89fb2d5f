using System;

namespace SkillRt.Registry.Moderation;

/// <summary>The <c>SkillRt:Registry:Moderation</c> configuration section: scanning at publish; validated at start-up.</summary>
public sealed class ModerationOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "SkillRt:Registry:Moderation";

    /// <summary>Whether every published package is scanned (and quarantined on a High or Critical finding); true by default.</summary>
    public bool ScanAtPublish { get; set; } = true;

    /// <summary>How many of the most downloaded package IDs a new name is compared with for confusable names; 1,000 by default.</summary>
    public int PopularNames { get; set; } = 1000;

    /// <summary>
    /// How many downloads a package needs to count as popular; 1,000 by default. Without a floor, every
    /// package of a young registry would be "popular" and a series such as <c>tool1</c>, <c>tool2</c> would be flagged.
    /// </summary>
    public long PopularMinDownloads { get; set; } = 1000;

    /// <summary>How long the list of popular IDs is reused before it is read again; 5 minutes by default.</summary>
    public TimeSpan PopularNamesRefresh { get; set; } = TimeSpan.FromMinutes(5);
}
