namespace SkillRt.Handoff;

/// <summary>The parent's W3C trace context (<see href="https://www.w3.org/TR/trace-context/"/>).</summary>
public sealed record HandoffTraceContext
{
    /// <summary>The <c>traceparent</c> header value: <c>00-{trace-id}-{parent-id}-{flags}</c>.</summary>
    public required string Traceparent { get; init; }

    /// <summary>The <c>tracestate</c> header value, when the parent has one.</summary>
    public string? Tracestate { get; init; }
}
