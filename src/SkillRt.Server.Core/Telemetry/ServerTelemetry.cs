using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SkillRt.Server.Telemetry;

/// <summary>
/// The host's own traces and metrics (<c>SkillRt.Server</c>); each module has its own source and meter
/// (<c>SkillRt.Server.Registry</c>, …). Hosts listen to every name starting with <c>SkillRt.Server</c>.
/// </summary>
public static class ServerTelemetry
{
    /// <summary>The name of the host's ActivitySource and Meter, and the prefix of every module's.</summary>
    public const string Name = "SkillRt.Server";

    internal static readonly ActivitySource Source = new(Name);
}
