using System.Diagnostics.Metrics;
using SkillRt.Registry.Hosting;

namespace SkillRt.Registry.Moderation;

/// <summary>Moderation's metrics, on the registry's meter.</summary>
internal static class ModerationTelemetry
{
    /// <summary>How long the scan at publish took, popular-name lookup included.</summary>
    public static readonly Histogram<double> ScanDuration =
        RegistryTelemetry.Meter.CreateHistogram<double>("skillrt.registry.scan.duration", unit: "ms", description: "Time the scanner added to a publish.");
}
