using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace SkillRt.AgentDoc;

/// <summary>
/// Answers the questions an agent asks of an agent-doc (the queries a doc MCP server serves): an operation
/// by ID, the operations of a group or tag, operations that match an intent in words, a workflow by ID, and
/// the schemas an operation uses. Every answer carries <see cref="Identity"/>, pinned by name, version and
/// content hash. Build once per document; the index is read-only and safe to share between threads.
/// </summary>
public sealed class AgentDocIndex
{
    private readonly Dictionary<string, AgentDocOperation> _operations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentDocWorkflow> _workflows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentDocSchema> _schemas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AgentDocOperation>> _byTag = new(StringComparer.OrdinalIgnoreCase);
    private readonly (AgentDocOperation Operation, HashSet<string> Terms, HashSet<string> TitleTerms)[] _searchable;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _jsonText = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<AgentDocSchema>> _schemasUsed = new(StringComparer.Ordinal);

    /// <summary>Indexes <paramref name="document"/>; its content hash is computed when the document does not state one.</summary>
    public AgentDocIndex(AgentDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        Document = document;
        Identity = document.Identity.ContentHash is null ? AgentDocContentHash.WithContentHash(document).Identity : document.Identity;
        foreach (var operation in document.Operations)
        {
            _operations.TryAdd(operation.Id, operation);
            foreach (var tag in operation.Tags.Append(operation.Group).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!_byTag.TryGetValue(tag, out var list))
                {
                    _byTag[tag] = list = [];
                }

                list.Add(operation);
            }
        }

        foreach (var workflow in document.Workflows)
        {
            _workflows.TryAdd(workflow.Id, workflow);
        }

        foreach (var schema in document.Schemas)
        {
            _schemas.TryAdd(schema.Name, schema);
        }

        _searchable = document.Operations
            .Select(o => (o, Terms(string.Join(' ', [o.Id, o.Title, o.Purpose, o.WhenToUse, o.Group, string.Join(' ', o.Tags), o.Http?.Path])), Terms(o.Id + " " + o.Title)))
            .ToArray();
    }

    /// <summary>The document indexed.</summary>
    public AgentDocument Document { get; }

    /// <summary>The document's identity, with its content hash always set: what every answer is pinned to.</summary>
    public AgentDocIdentity Identity { get; }

    /// <summary>The operation with this ID, or null.</summary>
    public AgentDocOperation? FindOperation(string id) => _operations.GetValueOrDefault(id);

    /// <summary>The workflow with this ID, or null.</summary>
    public AgentDocWorkflow? FindWorkflow(string id) => _workflows.GetValueOrDefault(id);

    /// <summary>The operations filed under a group ID or tagged with <paramref name="tag"/> (case-insensitive), in document order.</summary>
    public IReadOnlyList<AgentDocOperation> OperationsTagged(string tag) => _byTag.TryGetValue(tag, out var list) ? list : [];

    /// <summary>
    /// The operations that best match an intent in words ("send an email with an attachment"), best first:
    /// each query word found in an operation's ID or title counts three, anywhere else in its text one.
    /// </summary>
    public IReadOnlyList<AgentDocOperationMatch> SearchOperations(string query, int limit = 10)
    {
        ArgumentNullException.ThrowIfNull(query);
        var terms = Terms(query);
        if (terms.Count == 0 || limit <= 0)
        {
            return [];
        }

        var matches = new List<AgentDocOperationMatch>();
        foreach (var (operation, all, title) in _searchable)
        {
            var score = 0;
            foreach (var term in terms)
            {
                score += title.Contains(term) ? 3 : all.Contains(term) ? 1 : 0;
            }

            if (score > 0)
            {
                matches.Add(new AgentDocOperationMatch(operation, score / (3.0 * terms.Count)));
            }
        }

        // Stable: equal scores keep document order.
        return matches.OrderByDescending(m => m.Score).Take(limit).ToList();
    }

    /// <summary>
    /// The shared schemas an operation's input, output and errors use, directly or through other schemas,
    /// by name: with the operation, everything needed to build a valid call without the rest of the doc.
    /// </summary>
    public IReadOnlyList<AgentDocSchema> SchemasUsedBy(AgentDocOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var found = new List<AgentDocSchema>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JsonNode?>([operation.Input, operation.Output, .. operation.Errors.Select(e => e.Schema)]);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key == "$ref" && value is JsonValue reference && reference.TryGetValue<string>(out var target) &&
                            target.StartsWith(AgentDocSpec.SchemaReferencePrefix, StringComparison.Ordinal) &&
                            seen.Add(target) && _schemas.TryGetValue(FrontmatterPointer.Unescape(target.Substring(AgentDocSpec.SchemaReferencePrefix.Length)), out var schema))
                        {
                            found.Add(schema);
                            pending.Push(schema.Schema);
                        }
                        else
                        {
                            pending.Push(value);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        pending.Push(item);
                    }

                    break;
            }
        }

        return found;
    }

    /// <summary>
    /// The compact JSON text of a part of the document, made once per key and kept: the doc tools measure
    /// parts by their text to fit a token budget, and a large shared schema left out costs nothing to measure again.
    /// </summary>
    /// <summary><see cref="SchemasUsedBy"/> for an operation of this document, walked once and kept.</summary>
    internal IReadOnlyList<AgentDocSchema> SchemasUsedByOperation(AgentDocOperation operation) =>
        ReferenceEquals(FindOperation(operation.Id), operation) ? _schemasUsed.GetOrAdd(operation.Id, _ => SchemasUsedBy(operation)) : SchemasUsedBy(operation);

    internal string JsonText(string key, Func<JsonNode> build) => _jsonText.GetOrAdd(key, static (_, make) => TokenBudget.Write(make()), build);

    private static HashSet<string> Terms(string text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0)
            {
                AddTerm(terms, text.Substring(start, i - start).ToLowerInvariant());
                start = -1;
            }
        }

        return terms;
    }

    // Words of two letters or more, with a plural 's' taken off, so "emails" finds "email".
    private static void AddTerm(HashSet<string> terms, string word)
    {
        if (word.Length < 2 || StopWords.Contains(word))
        {
            return;
        }

        terms.Add(word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1] : word);
    }

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal) { "a", "an", "the", "to", "of", "for", "and", "or", "in", "on", "by", "with", "is", "it", "be", "this", "that", "from", "as", "at", "my", "me", "i" };
}
