namespace SkillRt;

/// <summary>
/// The names SkillRt's traces and metrics are published under, for OpenTelemetry set-up:
/// <c>tracing.AddSource(SkillRtTelemetry.ActivitySourceName)</c>,
/// <c>metrics.AddMeter(SkillRtTelemetry.MeterName)</c>. docs/telemetry.md lists every span, attribute and instrument.
/// </summary>
public static class SkillRtTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/>: <c>SkillRt</c>.</summary>
    public const string ActivitySourceName = "SkillRt";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/>: <c>SkillRt</c>.</summary>
    public const string MeterName = "SkillRt";
}
