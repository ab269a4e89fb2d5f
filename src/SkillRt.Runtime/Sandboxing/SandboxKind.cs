namespace SkillRt.Sandboxing;

/// <summary>How a process SkillRt started was confined.</summary>
internal enum SandboxKind
{
    /// <summary>No OS sandbox: only the environment was filtered.</summary>
    EnvironmentOnly,

    /// <summary>bubblewrap on Linux: namespaces, read-only system, declared paths only.</summary>
    Bubblewrap,
}
