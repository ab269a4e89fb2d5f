using System;

namespace SkillRt.Registry.TransparencyLog;

/// <summary>
/// One leaf of the transparency log (<c>registry_log_entries</c>): the canonical entry text that was
/// hashed into the tree, and the columns that find it. Rows are only ever inserted; the log stays when
/// a version is deleted, since the log records what the registry once accepted.
/// </summary>
internal sealed class LogEntryRecord
{
    /// <summary>The leaf's index: 0, 1, 2… with no gaps (the key, so a second row for one index cannot exist).</summary>
    public long LeafIndex { get; set; }

    /// <summary>The package ID, lower-cased, to find the entry of <c>id@version</c>.</summary>
    public string NormalizedId { get; set; } = "";

    /// <summary>The normalized version, lower-cased.</summary>
    public string NormalizedVersion { get; set; } = "";

    /// <summary>The <c>registry_versions</c> row this entry recorded (no foreign key: the entry outlives a deleted version).</summary>
    public Guid VersionId { get; set; }

    /// <summary>The leaf data: <see cref="SkillRt.Signing.Transparency.LogEntry"/>'s canonical text, served as is.</summary>
    public string Entry { get; set; } = "";

    /// <summary>When the row was appended.</summary>
    public DateTime AppendedAt { get; set; }
}
