namespace SkillRt.Scanning.Engine;

/// <summary>One place a file uses a capability: what (<c>curl</c>, <c>os.environ</c>), the host, variable or target when known, and where.</summary>
internal sealed class CapabilityUse(CapabilityKind kind, string what, string? subject, int line, int index, int length)
{
    public CapabilityKind Kind { get; } = kind;

    /// <summary>The construct that uses it, for the message (<c>curl</c>, <c>requests</c>, <c>&gt; file</c>).</summary>
    public string What { get; } = what;

    /// <summary>The host (network), variable name (environment) or path (write) when the code names one; <see langword="null"/> for "everything" or unknown.</summary>
    public string? Subject { get; } = subject;

    public int Line { get; } = line;

    /// <summary>Where in the file's text, for the evidence.</summary>
    public int Index { get; } = index;

    public int Length { get; } = length;
}
