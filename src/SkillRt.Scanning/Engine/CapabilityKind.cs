namespace SkillRt.Scanning.Engine;

/// <summary>The capabilities <c>permissions</c> governs.</summary>
internal enum CapabilityKind
{
    Network,
    Environment,
    FileWrite,
}
