using System;

namespace SkillRt.Registry.Hosting;

/// <summary>The <c>SkillRt:Registry</c> configuration section; validated at start-up.</summary>
public sealed class RegistryOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "SkillRt:Registry";

    /// <summary>The largest .nupkg a publish may upload, in bytes; 20 MiB by default.</summary>
    public long MaxPackageBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>The most a package may unpack to, in bytes (a zip bomb is refused before it is unpacked); 100 MiB by default.</summary>
    public long MaxUnpackedBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>The most entries a package's zip may have; 2,000 by default.</summary>
    public int MaxEntries { get; set; } = 2000;

    /// <summary>The longest search query, in characters; longer ones are refused with 400. 256 by default.</summary>
    public int MaxQueryLength { get; set; } = 256;

    /// <summary>The most results one search page returns (<c>take</c>); 100 by default.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>
    /// How often counted downloads are written to the database, in one batch; 1 second by default. A
    /// replica that is killed loses at most this much of its counts; one that is stopped writes them first.
    /// </summary>
    public TimeSpan DownloadCountInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a search answer is reused for the same query; 10 seconds by default, 0 to turn the
    /// cache off. A publish, unlist or download count written on this replica ends every cached answer
    /// at once; changes made on other replicas show once the answer expires.
    /// </summary>
    public TimeSpan SearchCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most search answers kept; 1,000 by default.</summary>
    public int SearchCacheEntries { get; set; } = 1000;

    /// <summary>
    /// How long a skill page seen by a visitor who is not signed in is reused; 10 seconds by default, 0
    /// to turn the cache off. Like search answers, every change made on this replica (a publish, a
    /// lifecycle or moderation change, download counts written) ends every kept page at once.
    /// </summary>
    public TimeSpan PackagePageCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most skill pages kept; 2,000 by default (a page's rendered skills are shared with the version cache).</summary>
    public int PackagePageCacheEntries { get; set; } = 2000;
}
