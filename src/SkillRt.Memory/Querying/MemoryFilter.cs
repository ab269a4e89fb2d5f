using System.Text.Json;

namespace SkillRt.Memory;

/// <summary>A condition on a memory's value: the JSON at <see cref="Path"/> compared with <see cref="Value"/>.</summary>
public sealed class MemoryFilter
{
    /// <summary>
    /// Where in the value: <c>$</c> followed by <c>.name</c>, <c>["any name"]</c> or <c>[index]</c> steps,
    /// e.g. <c>$.endpoint.retries</c> or <c>$.tags[0]</c>; at most 16 steps.
    /// </summary>
    public required string Path { get; init; }

    /// <summary>How to compare.</summary>
    public required FilterOperator Operator { get; init; }

    /// <summary>
    /// The operand: a string, number, boolean or null for the comparisons; an array of those for
    /// <see cref="FilterOperator.In"/>; unused (leave default) for <see cref="FilterOperator.Exists"/>.
    /// </summary>
    public JsonElement Value { get; init; }
}
