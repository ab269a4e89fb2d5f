using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace SkillRt.AgentDoc;

/// <summary>
/// Builds one answer within a token budget: it starts with what pins it (library, version, content hash),
/// then takes parts in the order the caller adds them (most useful first) while they fit, and names every
/// part it left out, with the full answer's size and how to get the rest.
/// </summary>
internal sealed class BudgetedAnswer
{
    // Room kept for the "truncated" note itself (a third of a small budget), so the finished answer stays inside it.
    private const int NoteReserve = 1_000;
    private const int MaxNamesListed = 20;

    private readonly int _limit;
    private readonly int _reserve;
    private readonly int _budget;
    private readonly List<string> _omitted = [];
    private readonly List<string> _shortened = [];
    private int _used;
    private int _full;

    public BudgetedAnswer(AgentDocIdentity? identity, int maxTokens)
    {
        Root = new JsonObject();
        if (identity is not null)
        {
            Root["library"] = identity.Name;
            Root["version"] = identity.Version;
            Root["contentHash"] = identity.ContentHash;
        }

        MaxTokens = maxTokens;
        _limit = maxTokens * TokenBudget.CharactersPerToken;
        _reserve = Math.Min(NoteReserve, _limit / 3);
        _budget = _limit - _reserve;
        _used = _full = TokenBudget.Write(Root).Length;
    }

    public JsonObject Root { get; }

    public int MaxTokens { get; }

    public bool IsTrimmed => _omitted.Count > 0 || _shortened.Count > 0;

    public IReadOnlyList<string> Omitted => _omitted;

    /// <summary>Characters left in the budget.</summary>
    public int Remaining => _budget - _used;

    /// <summary>Adds <paramref name="node"/> as <paramref name="key"/> of <paramref name="parent"/> when it fits; otherwise records <paramref name="name"/> as left out.</summary>
    public bool TryAdd(JsonObject parent, string key, JsonNode? node, string name)
    {
        if (node is null)
        {
            return true;
        }

        var size = Size(key, node);
        _full += size;
        if (_used + size > _budget)
        {
            _omitted.Add(name);
            return false;
        }

        parent[key] = node;
        _used += size;
        return true;
    }

    /// <summary>
    /// Adds a part given as JSON text (measured by its length, parsed only when it fits) as <paramref name="key"/>
    /// of <paramref name="parent"/>; otherwise records <paramref name="name"/> as left out.
    /// </summary>
    public bool TryAddText(JsonObject parent, string key, string json, string name)
    {
        var size = key.Length + 4 + json.Length;
        _full += size;
        if (_used + size > _budget)
        {
            _omitted.Add(name);
            return false;
        }

        parent[key] = JsonNode.Parse(json);
        _used += size;
        return true;
    }

    /// <summary>Appends to an array when it fits; otherwise records <paramref name="name"/> as left out.</summary>
    public bool TryAppend(JsonArray array, JsonNode node, string name)
    {
        var size = TokenBudget.Write(node).Length + 1;
        _full += size;
        if (_used + size > _budget)
        {
            _omitted.Add(name);
            return false;
        }

        array.Add(node);
        _used += size;
        return true;
    }

    /// <summary>
    /// Adds a JSON Schema whole when it fits, else its outline: the same tree cut at the deepest level that
    /// fits, deeper parts replaced by "…". Left out only when even its top level does not fit.
    /// </summary>
    public void AddSchema(JsonObject parent, string key, JsonNode? schema, string name)
    {
        if (schema is null)
        {
            return;
        }

        var size = Size(key, schema);
        if (_used + size <= _budget)
        {
            parent[key] = schema;
            _used += size;
            _full += size;
            return;
        }

        _full += size;
        for (var depth = 8; depth >= 1; depth--)
        {
            var outline = Outline(schema, depth);
            var outlineSize = Size(key, outline);
            if (_used + outlineSize <= _budget)
            {
                parent[key] = outline;
                _used += outlineSize;
                _shortened.Add($"{name} (cut below depth {depth})");
                return;
            }
        }

        _omitted.Add(name);
    }

    /// <summary>Counts a part that is left out without trying it (it would not be useful without parts already left out).</summary>
    public void Skip(string key, JsonNode node, string name)
    {
        _full += Size(key, node);
        _omitted.Add(name);
    }

    /// <summary>
    /// The finished answer; when anything was left out, a <c>truncated</c> note says what, the <c>maxTokens</c>
    /// that gets everything, and <paramref name="howToGetTheRest"/>. The note's name lists are shortened until
    /// the answer fits the budget.
    /// </summary>
    public AgentDocAnswer Finish(string howToGetTheRest)
    {
        if (!IsTrimmed)
        {
            return new AgentDocAnswer(TokenBudget.Write(Root), false);
        }

        for (var listed = MaxNamesListed; ; listed = listed / 2)
        {
            var note = new JsonObject
            {
                ["maxTokens"] = MaxTokens,
                ["maxTokensForAll"] = MaxTokensForAll,
            };
            if (_omitted.Count > 0)
            {
                note["omitted"] = Names(_omitted, listed);
            }

            if (_shortened.Count > 0)
            {
                note["shortened"] = Names(_shortened, listed);
            }

            note["howToGetTheRest"] = howToGetTheRest;
            Root["truncated"] = note;
            var text = TokenBudget.Write(Root);
            if (text.Length <= _limit || listed == 0)
            {
                return new AgentDocAnswer(text, false);
            }
        }
    }

    /// <summary>The <c>maxTokens</c> an answer with every part needs: the parts' estimated size and room for a note.</summary>
    public int MaxTokensForAll => TokenBudget.Tokens(_full + NoteReserve);

    private static JsonArray Names(List<string> names, int listed)
    {
        var array = new JsonArray();
        foreach (var name in names.Take(listed))
        {
            array.Add(JsonValue.Create(name));
        }

        if (names.Count > listed)
        {
            array.Add(JsonValue.Create($"…and {names.Count - listed} more"));
        }

        return array;
    }

    private static int Size(string key, JsonNode node) => key.Length + 4 + TokenBudget.Write(node).Length;

    private static JsonNode Outline(JsonNode node, int depth) => node switch
    {
        _ when depth == 0 => JsonValue.Create("…"),
        JsonObject obj => new JsonObject(obj.Select(p => new KeyValuePair<string, JsonNode?>(p.Key, p.Value is null ? null : Outline(p.Value, depth - 1)))),
        JsonArray array => new JsonArray(array.Select(item => item is null ? null : Outline(item, depth - 1)).ToArray()),
        _ => node.DeepClone(),
    };
}
