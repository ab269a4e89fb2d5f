using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using NJsonSchema;

namespace SkillRt.Dynamic;

/// <summary>
/// The <c>pattern</c>s of a loaded schema, taken out of NJsonSchema's hands: it matches them with
/// <see cref="Regex.IsMatch(string, string)"/> and no timeout, so a pattern such as <c>^(a+)+$</c>
/// against a 40-character value never returns. Here each pattern is compiled once, with the
/// non-backtracking engine where the pattern allows it (linear time, same matches) and with a
/// match timeout otherwise; <see cref="BoundedSchemaValidator"/> applies them.
/// </summary>
internal sealed class SchemaPatterns
{
    /// <summary>How long one match may run before the value is reported as not checked; the generated checks use the same.</summary>
    public static readonly TimeSpan DefaultMatchTimeout = TimeSpan.FromSeconds(1);

    private readonly Dictionary<JsonSchema, SchemaPattern> _patterns = new(ReferenceEqualityComparer.Instance);

    private SchemaPatterns()
    {
    }

    /// <summary>
    /// Moves every <c>pattern</c> of <paramref name="root"/> and the schemas in it into a new table,
    /// and drops <c>patternProperties</c>, which SkillRt does not enforce (spec 9.3) and NJsonSchema
    /// would match without a timeout. Call once, right after loading, before any validation.
    /// </summary>
    public static SchemaPatterns Detach(JsonSchema root, TimeSpan matchTimeout)
    {
        var table = new SchemaPatterns();
        var seen = new HashSet<JsonSchema>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<JsonSchema>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var schema = pending.Pop();
            if (!seen.Add(schema))
            {
                continue;
            }

            if (!string.IsNullOrEmpty(schema.Pattern))
            {
                table._patterns.Add(schema, SchemaPattern.Compile(schema.Pattern, matchTimeout));
                schema.Pattern = null;
            }

            Push(pending, schema.Reference);
            Push(pending, schema.Item);
            Push(pending, schema.AdditionalPropertiesSchema);
            Push(pending, schema.AdditionalItemsSchema);
            Push(pending, schema.Not);
            PushAll(pending, schema.Items);
            PushAll(pending, schema.AllOf);
            PushAll(pending, schema.AnyOf);
            PushAll(pending, schema.OneOf);
            PushAll(pending, schema.Properties.Values);
            PushAll(pending, schema.Definitions.Values);
            schema.PatternProperties.Clear();
        }

        return table;
    }

    public bool TryGet(JsonSchema schema, out SchemaPattern pattern) => _patterns.TryGetValue(schema, out pattern!);

    private static void Push(Stack<JsonSchema> pending, JsonSchema? schema)
    {
        if (schema is not null)
        {
            pending.Push(schema);
        }
    }

    private static void PushAll<T>(Stack<JsonSchema> pending, IEnumerable<T> schemas)
        where T : JsonSchema
    {
        foreach (var schema in schemas)
        {
            pending.Push(schema);
        }
    }
}
