using System.Collections.Generic;

namespace SkillRt.Registry.Namespaces;

/// <summary>What a TXT lookup found: the records' texts (each record's strings joined), or why there are none.</summary>
internal sealed record TxtLookupResult(TxtLookupOutcome Outcome, IReadOnlyList<string> Texts, string? Error = null);

/// <summary>How a TXT lookup ended.</summary>
internal enum TxtLookupOutcome
{
    /// <summary>The name has TXT records (perhaps none of them the one wanted).</summary>
    Found,

    /// <summary>The name does not exist (NXDOMAIN).</summary>
    NoSuchName,

    /// <summary>The name exists but has no TXT records.</summary>
    NoRecords,

    /// <summary>No DNS server answered in time, or one answered with an error (SERVFAIL, REFUSED).</summary>
    Failed,
}
