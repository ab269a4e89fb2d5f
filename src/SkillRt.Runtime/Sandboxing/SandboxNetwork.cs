namespace SkillRt.Sandboxing;

/// <summary>What network a bubblewrap sandbox gets, from the skill's <c>permissions.network</c>.</summary>
internal enum SandboxNetwork
{
    /// <summary>A network namespace of its own with only loopback: no host is reachable.</summary>
    None,

    /// <summary>The host's network (<c>network: "*"</c>).</summary>
    Host,

    /// <summary>Loopback only, plus a bridge to the runner's allowlisting proxy for the listed hosts.</summary>
    Proxy,
}
