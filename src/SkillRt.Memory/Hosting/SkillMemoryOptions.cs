using System;

namespace SkillRt.Memory;

/// <summary>How the memory stores, limits, de-duplicates, ranks and pages; validated at start-up.</summary>
public sealed class SkillMemoryOptions
{
    /// <summary>The SQLite file; created (with its folder) on first use. Default: <c>memory.db</c> under the user's local application data, folder <c>SkillRt</c>.</summary>
    public string DatabasePath { get; set; } = System.IO.Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "SkillRt", "memory.db");

    /// <summary>The largest value (its UTF-8 JSON) and the largest text form, in bytes. Default 1 MiB; 1 KiB to 64 MiB.</summary>
    public int MaxValueBytes { get; set; } = 1024 * 1024;

    /// <summary>The most tags a memory may carry. Default 32; 1 to 256.</summary>
    public int MaxTags { get; set; } = 32;

    /// <summary>The longest tag. Default 64; 1 to 256.</summary>
    public int MaxTagLength { get; set; } = 64;

    /// <summary>What a near-duplicate write does when it does not say. Default <see cref="Memory.DuplicatePolicy.Merge"/>.</summary>
    public DuplicatePolicy DuplicatePolicy { get; set; } = DuplicatePolicy.Merge;

    /// <summary>Embedding cosine similarity from which two memories are near duplicates. Default 0.92; (0, 1].</summary>
    public double EmbeddingDuplicateThreshold { get; set; } = 0.92;

    /// <summary>Trigram Jaccard similarity from which two memories are near duplicates when no embedding generator is registered. Default 0.8; (0, 1].</summary>
    public double LexicalDuplicateThreshold { get; set; } = 0.8;

    /// <summary>A write is compared with at most this many live memories of its namespace and kind (the most recent). Default 10,000; 1 to 10,000,000.</summary>
    public int NearDuplicateScanLimit { get; set; } = 10_000;

    /// <summary>Freshness halves every this long without a write or read (decay scores and ranking). Default 30 days.</summary>
    public TimeSpan DecayHalfLife { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How much freshness weighs in the ranking of text and semantic queries: score = relevance × (1 − w + w × freshness). Default 0.3; 0 to 1.</summary>
    public double RankingFreshnessWeight { get; set; } = 0.3;

    /// <summary>Hits per page when a query does not say. Default 20.</summary>
    public int DefaultPageSize { get; set; } = 20;

    /// <summary>The most hits a page may ask for. Default 200; 1 to 10,000.</summary>
    public int MaxPageSize { get; set; } = 200;

    /// <summary>A full-text query ranks at most this many best matches before paging. Default 1,000; 1 to 1,000,000.</summary>
    public int TextCandidateLimit { get; set; } = 1_000;

    /// <summary>How long a write waits for another process's write to finish before failing with MEM0013. Default 30 seconds.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A decay report lists at most this many memories (it counts them all). Default 1,000.</summary>
    public int MaxDecayReportItems { get; set; } = 1_000;
}
