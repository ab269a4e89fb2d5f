namespace SkillRt.Registry.TransparencyLog;

/// <summary>
/// The <c>SkillRt:Registry:TransparencyLog</c> configuration section: the key that signs the log's
/// checkpoints. Every replica of one registry must sign with the same key, or clients that pinned it
/// refuse the others' checkpoints; so a scale-out deployment sets <see cref="SigningKey"/> or
/// <see cref="SigningKeyFile"/> (validated at start-up). Unset, the server generates a key at first start
/// into <c>{DataDirectory}/transparency-log.key</c> (mode 0600), which suits the embedded tier.
/// </summary>
public sealed class TransparencyLogOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "SkillRt:Registry:TransparencyLog";

    /// <summary>The key file generated when no key is configured, relative to the data directory.</summary>
    public const string DefaultKeyFileName = "transparency-log.key";

    /// <summary>
    /// The signing key itself, in signed-note form (<c>PRIVATE+KEY+&lt;name&gt;+&lt;id&gt;+&lt;base64&gt;</c>),
    /// for deployments that pass secrets as environment variables (<c>SkillRt__Registry__TransparencyLog__SigningKey</c>).
    /// Its name is the log's origin.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>A file holding the signing key in that form (a mounted secret); read at start-up.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>
    /// The name (and so the log's origin) of a key the server generates; by default the host and path of
    /// <c>SkillRt:PublicUrl</c> followed by <c>/transparency-log</c>, or <c>skillrt-registry/transparency-log</c>.
    /// Ignored when a key is configured: the origin is that key's name.
    /// </summary>
    public string? GeneratedKeyName { get; set; }

    /// <summary>The most entries one <c>entries</c> request returns; 1,000 by default.</summary>
    public int MaxEntriesPerPage { get; set; } = 1000;
}
