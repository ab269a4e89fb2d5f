using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.Execution;

namespace SkillRt.Memory;

/// <summary>
/// Offers a skill that declares <c>memory</c> (SKILL-SPEC section 16) the memory tools, limited to what
/// it declared: <c>memory_find</c>, <c>memory_get</c> and <c>memory_history</c> when it has read grants,
/// <c>memory_upsert</c> and <c>memory_forget</c> when it has write grants. Every call is checked against
/// the grants; one outside them is refused with a tool error that names the skill, the namespace, the kind
/// and the grants it has. The kinds the skill defines are registered with the store before the model runs,
/// and every write carries the skill's name and version as its provenance. Skills that declare no memory
/// get no memory tools.
/// </summary>
internal sealed class MemoryToolProvider(ISkillMemory memory, IMemoryKindRegistry kinds) : ISkillToolProvider
{
    private const int DefaultPageSize = 10;
    private const int DefaultTokenBudget = 2000;

    public ValueTask<IReadOnlyList<AIFunction>> GetToolsAsync(SkillToolContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var descriptor = context.Descriptor;
        var declared = descriptor.Memory;
        if (declared.IsEmpty)
        {
            return new ValueTask<IReadOnlyList<AIFunction>>([]);
        }

        foreach (var kind in declared.Kinds)
        {
            try
            {
                kinds.Register(new MemoryKind(kind.Name, kind.SchemaJson, kind.Description));
            }
            catch (MemoryException exception)
            {
                throw new SkillDependencyException(
                    [new SkillDependencyProblem(SkillDependencyKind.Skill, "memory kind " + kind.Name, $"{exception.Message} Give the kind the same schema in every skill that defines it, or another name")],
                    descriptor.Name);
            }
        }

        var tools = new List<AIFunction>();
        var scope = new Scope(descriptor);
        if (declared.Read.Count > 0)
        {
            tools.Add(new MemoryFunction("memory_find", "Finds memories in a namespace the skill may read: by kind, key, tags, words in them, or meaning. Returns the best matches first, with a cursor for more.", FindSchema, (a, ct) => FindAsync(scope, a, ct)));
            tools.Add(new MemoryFunction("memory_get", "Reads one memory by its id.", IdSchema, (a, ct) => GetAsync(scope, a, ct)));
            tools.Add(new MemoryFunction("memory_history", "Every revision of one memory, newest first, with when each was valid.", IdSchema, (a, ct) => HistoryAsync(scope, a, ct)));
        }

        if (declared.Write.Count > 0)
        {
            tools.Add(new MemoryFunction("memory_upsert", "Writes a memory. With a key, the memory with that key is updated (its old value kept as history) instead of copied. The value must satisfy the kind's JSON Schema.", UpsertSchema, (a, ct) => UpsertAsync(scope, a, ct)));
            tools.Add(new MemoryFunction("memory_forget", "Deletes one memory and its history for good.", IdSchema, (a, ct) => ForgetAsync(scope, a, ct)));
        }

        return new ValueTask<IReadOnlyList<AIFunction>>(tools);
    }

    private async Task<string> FindAsync(Scope scope, IReadOnlyDictionary<string, JsonElement> arguments, CancellationToken cancellationToken)
    {
        var ns = Required(arguments, "namespace", "memory_find");
        var kind = Optional(arguments, "kind");
        var allowed = scope.ReadableKinds(ns, kind);
        var page = await memory.FindAsync(
            new MemoryQuery
            {
                Namespaces = [ns],
                Kinds = kind is not null ? [kind] : allowed,
                Key = Optional(arguments, "key"),
                Tags = OptionalList(arguments, "tags"),
                Text = Optional(arguments, "text"),
                SimilarTo = Optional(arguments, "similar_to"),
                PageSize = OptionalInt(arguments, "page_size") ?? DefaultPageSize,
                Cursor = Optional(arguments, "cursor"),
                TokenBudget = DefaultTokenBudget,
            },
            cancellationToken).ConfigureAwait(false);
        return Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("memories");
            foreach (var hit in page.Hits)
            {
                WriteRecord(writer, hit.Memory);
            }

            writer.WriteEndArray();
            writer.WriteString("next_cursor", page.NextCursor);
            writer.WriteBoolean("truncated_by_budget", page.TruncatedByBudget);
            writer.WriteEndObject();
        });
    }

    private async Task<string> GetAsync(Scope scope, IReadOnlyDictionary<string, JsonElement> arguments, CancellationToken cancellationToken)
    {
        var (ns, id) = NamespaceAndId(arguments, "memory_get");
        scope.ReadableKinds(ns, kind: null);
        var record = await memory.GetAsync(ns, id, cancellationToken).ConfigureAwait(false);

        // A memory of a kind the skill may not read is as absent as one that does not exist.
        if (record is null || !scope.Memory.CanRead(ns, record.Kind))
        {
            throw new MemoryToolException($"memory_get: no memory '{id}' in '{ns}'.");
        }

        return Json(writer => WriteRecord(writer, record));
    }

    private async Task<string> HistoryAsync(Scope scope, IReadOnlyDictionary<string, JsonElement> arguments, CancellationToken cancellationToken)
    {
        var (ns, id) = NamespaceAndId(arguments, "memory_history");
        scope.ReadableKinds(ns, kind: null);
        var revisions = await memory.HistoryAsync(ns, id, cancellationToken).ConfigureAwait(false);
        if (revisions.Count == 0 || !scope.Memory.CanRead(ns, revisions[0].Kind))
        {
            throw new MemoryToolException($"memory_history: no memory '{id}' in '{ns}'.");
        }

        return Json(writer =>
        {
            writer.WriteStartArray();
            foreach (var revision in revisions)
            {
                WriteRecord(writer, revision);
            }

            writer.WriteEndArray();
        });
    }

    private async Task<string> UpsertAsync(Scope scope, IReadOnlyDictionary<string, JsonElement> arguments, CancellationToken cancellationToken)
    {
        var ns = Required(arguments, "namespace", "memory_upsert");
        var kind = Required(arguments, "kind", "memory_upsert");
        scope.CheckWrite(ns, kind);
        if (!arguments.TryGetValue("value", out var value) || value.ValueKind == JsonValueKind.Undefined)
        {
            throw new MemoryToolException("memory_upsert: 'value' is required: the memory's value, as JSON that satisfies the kind's schema.");
        }

        var result = await memory.UpsertAsync(
            new MemoryWrite
            {
                Namespace = ns,
                Kind = kind,
                Value = value,
                Key = Optional(arguments, "key"),
                Text = Optional(arguments, "text"),
                Tags = OptionalList(arguments, "tags"),
                Provenance = scope.Provenance,
            },
            cancellationToken).ConfigureAwait(false);
        return Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("outcome", result.Outcome.ToString());
            if (result.Memory is { } stored)
            {
                writer.WriteString("id", stored.Id);
                writer.WriteNumber("version", stored.Version);
            }

            writer.WriteStartArray("duplicates");
            foreach (var duplicate in result.Duplicates)
            {
                writer.WriteStartObject();
                writer.WriteString("id", duplicate.Id);
                writer.WriteNumber("similarity", Math.Round(duplicate.Similarity, 3));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private async Task<string> ForgetAsync(Scope scope, IReadOnlyDictionary<string, JsonElement> arguments, CancellationToken cancellationToken)
    {
        var (ns, id) = NamespaceAndId(arguments, "memory_forget");
        var record = await memory.GetAsync(ns, id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            throw new MemoryToolException($"memory_forget: no memory '{id}' in '{ns}'.");
        }

        scope.CheckWrite(ns, record.Kind);
        var deleted = await memory.ForgetAsync(ns, id, cancellationToken).ConfigureAwait(false);
        return deleted ? $"Forgot memory '{id}'." : $"Memory '{id}' was already gone.";
    }

    private static (string Namespace, string Id) NamespaceAndId(IReadOnlyDictionary<string, JsonElement> arguments, string tool) =>
        (Required(arguments, "namespace", tool), Required(arguments, "id", tool));

    private static string Required(IReadOnlyDictionary<string, JsonElement> arguments, string name, string tool) =>
        Optional(arguments, name) ?? throw new MemoryToolException($"{tool}: '{name}' is required.");

    private static string? Optional(IReadOnlyDictionary<string, JsonElement> arguments, string name) =>
        arguments.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static int? OptionalInt(IReadOnlyDictionary<string, JsonElement> arguments, string name) =>
        arguments.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static List<string>? OptionalList(IReadOnlyDictionary<string, JsonElement> arguments, string name) =>
        arguments.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
            : null;

    private static void WriteRecord(Utf8JsonWriter writer, MemoryRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString("id", record.Id);
        writer.WriteString("namespace", record.Namespace);
        writer.WriteString("kind", record.Kind);
        if (record.Key is not null)
        {
            writer.WriteString("key", record.Key);
        }

        writer.WritePropertyName("value");
        record.Value.WriteTo(writer);
        writer.WriteStartArray("tags");
        foreach (var tag in record.Tags)
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
        writer.WriteNumber("version", record.Version);
        writer.WriteString("updated_at", record.UpdatedAt);
        if (record.ValidTo is { } validTo)
        {
            writer.WriteString("valid_to", validTo);
        }

        writer.WriteEndObject();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>What one skill may reach, and the refusals that say so.</summary>
    private sealed class Scope(SkillDescriptor descriptor)
    {
        public SkillMemory Memory { get; } = descriptor.Memory;

        public MemoryProvenance Provenance { get; } = new() { SkillName = descriptor.Name, SkillVersion = descriptor.Version?.ToString() };

        /// <summary>
        /// Checks a read of <paramref name="kind"/> (any kind when null) in <paramref name="ns"/>, which may end in
        /// <c>/*</c>; returns the kinds the query must be limited to, or null for every kind.
        /// </summary>
        public IReadOnlyList<string>? ReadableKinds(string ns, string? kind)
        {
            var wildcard = ns.EndsWith("/*", StringComparison.Ordinal);
            var name = wildcard ? ns[..^2] : ns;
            var covering = Memory.Read.Where(g => wildcard
                    ? g.IncludesSubNamespaces && (name == g.Namespace || name.StartsWith(g.Namespace + "/", StringComparison.Ordinal))
                    : g.Covers(name, null))
                .ToList();
            var kinds = covering.Any(g => g.Kinds.Count == 0) ? null : covering.SelectMany(g => g.Kinds).Distinct(StringComparer.Ordinal).ToList();
            if (covering.Count == 0 || (kind is not null && kinds is not null && !kinds.Contains(kind, StringComparer.Ordinal)))
            {
                throw Refusal("read", ns, kind, Memory.Read);
            }

            return kinds;
        }

        public void CheckWrite(string ns, string kind)
        {
            if (!Memory.CanWrite(ns, kind))
            {
                throw Refusal("write", ns, kind, Memory.Write);
            }
        }

        private MemoryToolException Refusal(string access, string ns, string? kind, IReadOnlyList<SkillMemoryGrant> grants)
        {
            var what = kind is null ? $"memories in '{ns}'" : $"'{kind}' memories in '{ns}'";
            var granted = grants.Count == 0
                ? $"it declares no memory.{access}"
                : $"its memory.{access} allows {string.Join("; ", grants.Select(g => g.Kinds.Count == 0 ? g.ToString() : $"{g} ({string.Join(", ", g.Kinds)})"))}";
            return new MemoryToolException($"refused: the skill {descriptor.Name} may not {access} {what}; {granted}. Stay within those, or declare the access in the skill's memory.{access}.");
        }
    }

    private const string IdSchema = """
        {"type":"object","properties":{"namespace":{"type":"string","description":"The memory's namespace, such as acme/payments."},"id":{"type":"string","description":"The memory's id."}},"required":["namespace","id"],"additionalProperties":false}
        """;

    private const string FindSchema = """
        {"type":"object","properties":{
          "namespace":{"type":"string","description":"Where to look: a namespace such as acme/payments, or acme/* for every namespace below acme."},
          "kind":{"type":"string","description":"Only memories of this kind."},
          "key":{"type":"string","description":"Only the memory with this key."},
          "tags":{"type":"array","items":{"type":"string"},"description":"Only memories with every one of these tags."},
          "text":{"type":"string","description":"Words the memories contain (full-text search)."},
          "similar_to":{"type":"string","description":"Text whose meaning the memories should be close to."},
          "page_size":{"type":"integer","minimum":1,"maximum":50,"description":"How many to return (10 when left out)."},
          "cursor":{"type":"string","description":"The next_cursor of a previous answer, for more results."}},
         "required":["namespace"],"additionalProperties":false}
        """;

    private const string UpsertSchema = """
        {"type":"object","properties":{
          "namespace":{"type":"string","description":"Where to write, such as acme/payments."},
          "kind":{"type":"string","description":"The memory's kind; its schema checks the value."},
          "value":{"description":"The memory's value, as JSON that satisfies the kind's schema."},
          "key":{"type":"string","description":"A stable key: writing the same key again updates that memory instead of adding one."},
          "text":{"type":"string","description":"The memory in words, for search (derived from the value when left out)."},
          "tags":{"type":"array","items":{"type":"string"}}},
         "required":["namespace","kind","value"],"additionalProperties":false}
        """;
}
