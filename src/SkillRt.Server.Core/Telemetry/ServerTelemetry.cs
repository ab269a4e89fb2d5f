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

    internal static readonly Meter Meter = new(Name);

    /// <summary>Requests that presented an API key, by outcome (<c>accepted</c>, <c>unknown</c>, <c>revoked</c>, <c>expired</c>, <c>disabled</c>, <c>malformed</c>): a rise in refusals is a leaked or stale key somewhere.</summary>
    internal static readonly Counter<long> ApiKeyAuthentications =
        Meter.CreateCounter<long>("skillrt.server.api_key.authentications", unit: "{request}", description: "Requests that presented an API key, by outcome.");
}
