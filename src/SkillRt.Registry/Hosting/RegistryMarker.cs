namespace SkillRt.Registry.Hosting;

/// <summary>Registered by AddSkillRegistry, so MapSkillRegistry can say clearly that it is missing.</summary>
internal sealed class RegistryMarker;
