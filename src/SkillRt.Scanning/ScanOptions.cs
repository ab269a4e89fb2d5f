using System;
using System.Collections.Generic;

namespace SkillRt.Scanning;

/// <summary>
/// What the scanner compares against and how much it reads. The defaults suit a registry: a skill
/// package is small, so anything far beyond these limits is itself a finding, not a reason to read
/// more.
/// </summary>
public sealed class ScanOptions
{
    /// <summary>The defaults.</summary>
    public static ScanOptions Default { get; } = new();

    /// <summary>
    /// Popular package IDs and skill names that a new name must not imitate (SKILLSEC0701, SKILLSEC0702).
    /// A registry passes its most downloaded names; a name equal to one of these (ignoring letter case)
    /// is the name itself, not an imitation.
    /// </summary>
    public IReadOnlyCollection<string> KnownNames { get; init; } = Array.Empty<string>();

    /// <summary>The largest edit distance (Damerau–Levenshtein) that counts as imitating a known name; 1 by default, 2 for names of 10 characters or more.</summary>
    public int MaxNameEditDistance { get; init; } = 1;

    /// <summary>Bytes of one file the scanner reads; the rest of a larger file is not scanned and the file gets SKILLSEC0002. 1 MiB by default.</summary>
    public int MaxFileBytes { get; init; } = 1024 * 1024;

    /// <summary>Bytes of all files together the scanner reads (unpacked); beyond it files are skipped with SKILLSEC0003. 32 MiB by default.</summary>
    public long MaxTotalBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>The most files (or archive entries) read; more is SKILLSEC0611 for a package and SKILLSEC0003 for a folder. 2,000 by default.</summary>
    public int MaxFiles { get; init; } = 2000;

    /// <summary>The largest packed .nupkg read; a larger one is not opened (SKILLSEC0612). 16 MiB by default.</summary>
    public long MaxPackageBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>The highest unpacked-to-packed ratio of one archive entry before it counts as a zip bomb (SKILLSEC0607). 50 by default (text compresses 3 to 15 times; only data built to be repetitive reaches 50).</summary>
    public int MaxCompressionRatio { get; init; } = 50;

    /// <summary>The most findings one scan reports; the rest are counted in <see cref="ScanReport.OmittedFindings"/>. 500 by default.</summary>
    public int MaxFindings { get; init; } = 500;

    /// <summary>The most findings of one rule in one file; the rest are counted in <see cref="ScanReport.OmittedFindings"/>. 20 by default.</summary>
    public int MaxFindingsPerRuleAndFile { get; init; } = 20;

    /// <summary>Rule IDs not to run (<c>SKILLSEC0403</c>); compared ignoring letter case.</summary>
    public IReadOnlyCollection<string> DisabledRules { get; init; } = Array.Empty<string>();
}
