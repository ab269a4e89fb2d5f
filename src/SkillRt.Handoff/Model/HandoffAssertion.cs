using System.Text.Json;

namespace SkillRt.Handoff;

/// <summary>One check on the output: the value at <see cref="Path"/> compared by <see cref="Op"/> with <see cref="Value"/>.</summary>
/// <example>
/// <code>
/// new HandoffAssertion { Path = "/items", Op = HandoffAssertionOperator.MinLength, Value = JsonDocument.Parse("1").RootElement }
/// </code>
/// </example>
public sealed record HandoffAssertion
{
    /// <summary>An id for the evidence; <c>assertions/{index}</c> when absent.</summary>
    public string? Id { get; init; }

    /// <summary>A JSON Pointer (RFC 6901) into the output; <c>""</c> is the whole output.</summary>
    public required string Path { get; init; }

    /// <summary>The operator, from a closed set.</summary>
    public required HandoffAssertionOperator Op { get; init; }

    /// <summary>The operand; required by every operator except <c>exists</c> and <c>absent</c>.</summary>
    public JsonElement? Value { get; init; }
}
