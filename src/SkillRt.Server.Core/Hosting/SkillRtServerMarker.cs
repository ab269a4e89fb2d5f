namespace SkillRt.Server.Hosting;

/// <summary>Registered by AddSkillRtServer, so Map… can say clearly that it is missing.</summary>
internal sealed class SkillRtServerMarker;
