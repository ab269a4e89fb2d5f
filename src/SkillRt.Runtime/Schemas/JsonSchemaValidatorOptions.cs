using System;
using System.Collections.Generic;
using System.Text.Json;

namespace SkillRt.Schemas;

/// <summary>How a <see cref="JsonSchemaValidator"/> compiles and applies a schema.</summary>
public sealed class JsonSchemaValidatorOptions
{
    /// <summary>The options used when none are given.</summary>
    public static JsonSchemaValidatorOptions Default { get; } = new();

    /// <summary>
    /// How long one <c>pattern</c> match may run on the backtracking engine before the value is
    /// reported as not checked; one second by default, as in generated checks. Patterns the
    /// non-backtracking engine can run (most) take linear time and never need it.
    /// </summary>
    public TimeSpan PatternMatchTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether <c>format</c> is asserted (<c>date-time</c>, <c>date</c>, <c>time</c>, <c>email</c>,
    /// <c>uri</c>, <c>uuid</c>, <c>ipv4</c>, <c>ipv6</c>, …) instead of being an annotation, as JSON
    /// Schema 2020-12 makes it by default. Off by default; unknown formats are never asserted.
    /// </summary>
    public bool AssertFormat { get; init; }

    /// <summary>
    /// Other schema documents that <c>$ref</c>s may name, by their absolute URI (their own <c>$id</c>
    /// wins when they have one). Nothing is ever fetched: a reference to a document that is neither
    /// here nor in the schema is an error when the validator is created.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement>? Documents { get; init; }

    /// <summary>
    /// The most subschema evaluations one validation may perform (each applicator, reference and
    /// item counts one); a value whose check would take more is reported as not checked rather
    /// than keeping a thread busy. Ten million by default.
    /// </summary>
    public int MaxEvaluations { get; init; } = 10_000_000;
}
