namespace SkillRt.Registry.TransparencyLog;

/// <summary>The log's routes, below the registry's pattern. All anonymous reads.</summary>
internal static class TransparencyLogRoutes
{
    /// <summary>The group: <c>api/v2/transparency-log</c>.</summary>
    public const string Group = "api/v2/transparency-log";

    /// <summary>The public key (JSON).</summary>
    public const string Key = "key";

    /// <summary>The latest signed checkpoint (text/plain, a C2SP signed note).</summary>
    public const string Checkpoint = "checkpoint";

    /// <summary><c>entries?start=&amp;end=</c>: entries by leaf index.</summary>
    public const string Entries = "entries";

    /// <summary><c>packages/{id}/{version}</c>: the entry recording a version, with its leaf index.</summary>
    public const string Package = "packages/{id}/{version}";

    /// <summary><c>proofs/inclusion?index=&amp;size=</c>.</summary>
    public const string InclusionProof = "proofs/inclusion";

    /// <summary><c>proofs/consistency?from=&amp;to=</c>.</summary>
    public const string ConsistencyProof = "proofs/consistency";
}
