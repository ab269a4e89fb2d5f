using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Nodes;

namespace SkillRt.AgentDoc;

/// <summary>
/// Reads the keys of one YAML mapping of an agent-doc, reporting a missing key, a wrong type or an
/// unknown key as a located diagnostic that names the field's place (<c>operations[3].http.method</c>).
/// </summary>
internal sealed class YamlFields
{
    private readonly List<SkillDiagnostic> _diagnostics;

    public YamlFields(FrontmatterMapping mapping, string place, List<SkillDiagnostic> diagnostics)
    {
        Mapping = mapping;
        Place = place;
        _diagnostics = diagnostics;
    }

    public FrontmatterMapping Mapping { get; }

    /// <summary>Where this mapping is, as a path from the document's root ("" for the root).</summary>
    public string Place { get; }

    public string PlaceOf(string key) => Place.Length == 0 ? key : Place + "." + key;

    public static string Describe(string place) => place.Length == 0 ? "The document" : "'" + place + "'";

    /// <summary>Warns about every key outside <paramref name="known"/>; keys starting with 'x-' are extensions.</summary>
    public void CheckKeys(params string[] known)
    {
        foreach (var entry in Mapping.Entries)
        {
            if (entry.Name.StartsWith("x-", System.StringComparison.Ordinal) || System.Array.IndexOf(known, entry.Name) >= 0)
            {
                continue;
            }

            Report(AgentDocDiagnosticDescriptors.UnknownKey, entry.Key.Span, Describe(Place), entry.Name);
        }
    }

    public void Report(SkillDiagnosticDescriptor descriptor, SourceSpan span, params object?[] args) =>
        _diagnostics.Add(descriptor.Create(span, args));

    public void Missing(string key, string hint) =>
        Report(AgentDocDiagnosticDescriptors.MissingKey, KeySpan(), Describe(Place), key, hint);

    // A missing key is reported where its mapping starts: the nearest line a person would add it to.
    private SourceSpan KeySpan() => Mapping.Entries.Count > 0 ? Mapping.Entries[0].Key.Span : Mapping.Span;

    public FrontmatterNode? Node(string key) => Mapping.Find(key)?.Value is { } node && !(node is FrontmatterScalar { IsNull: true }) ? node : null;

    public string? String(string key, string? requiredHint = null)
    {
        var node = Node(key);
        if (node is null)
        {
            if (requiredHint is not null)
            {
                Missing(key, requiredHint);
            }

            return null;
        }

        if (node is FrontmatterScalar scalar)
        {
            // A plain 1.0 or true is still text where text is asked for: the reader keeps what was written.
            if (requiredHint is not null && scalar.Value.Trim().Length == 0)
            {
                Report(AgentDocDiagnosticDescriptors.InvalidValue, scalar.Span, PlaceOf(key), scalar.Value, "it is empty; " + requiredHint);
                return null;
            }

            return scalar.Value;
        }

        WrongType(key, node, "text");
        return null;
    }

    public bool? Bool(string key)
    {
        var node = Node(key);
        switch (node)
        {
            case null:
                return null;
            case FrontmatterScalar { Kind: FrontmatterScalarKind.Boolean } scalar:
                return scalar.Value is "true" or "True" or "TRUE";
            default:
                WrongType(key, node, "true or false");
                return null;
        }
    }

    public int? Int(string key)
    {
        var node = Node(key);
        switch (node)
        {
            case null:
                return null;
            case FrontmatterScalar { Kind: FrontmatterScalarKind.Integer } scalar when int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= 0:
                return value;
            default:
                WrongType(key, node, "a whole number of 0 or more");
                return null;
        }
    }

    public YamlFields? Child(string key, string? requiredHint = null)
    {
        var node = Node(key);
        switch (node)
        {
            case null:
                if (requiredHint is not null)
                {
                    Missing(key, requiredHint);
                }

                return null;
            case FrontmatterMapping mapping:
                return new YamlFields(mapping, PlaceOf(key), _diagnostics);
            default:
                WrongType(key, node, "a mapping of keys to values");
                return null;
        }
    }

    public FrontmatterSequence? Sequence(string key, string? requiredHint = null)
    {
        var node = Node(key);
        switch (node)
        {
            case null:
                if (requiredHint is not null)
                {
                    Missing(key, requiredHint);
                }

                return null;
            case FrontmatterSequence sequence:
                return sequence;
            default:
                WrongType(key, node, "a list");
                return null;
        }
    }

    /// <summary>The mapping items of a list, each with its place (<c>operations[2]</c>); other items are reported.</summary>
    public IEnumerable<YamlFields> Items(string key, string? requiredHint = null)
    {
        var sequence = Sequence(key, requiredHint);
        if (sequence is null)
        {
            yield break;
        }

        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var place = PlaceOf(key) + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (sequence.Items[i] is FrontmatterMapping mapping)
            {
                yield return new YamlFields(mapping, place, _diagnostics);
            }
            else
            {
                Report(AgentDocDiagnosticDescriptors.WrongType, sequence.Items[i].Span, "'" + place + "'", "a mapping of keys to values", sequence.Items[i].KindDescription);
            }
        }
    }

    public IReadOnlyList<string> Strings(string key)
    {
        var node = Node(key);
        switch (node)
        {
            case null:
                return [];
            case FrontmatterScalar scalar:
                // One value where a list is expected is taken as a list of one, as SKILL.md's lists are.
                return [scalar.Value];
            case FrontmatterSequence sequence:
                var values = new List<string>(sequence.Items.Count);
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    if (sequence.Items[i] is FrontmatterScalar { IsNull: false } item)
                    {
                        values.Add(item.Value);
                    }
                    else
                    {
                        Report(AgentDocDiagnosticDescriptors.WrongType, sequence.Items[i].Span, "'" + PlaceOf(key) + "[" + i.ToString(CultureInfo.InvariantCulture) + "]'", "text", sequence.Items[i].KindDescription);
                    }
                }

                return values;
            default:
                WrongType(key, node, "a list of text");
                return [];
        }
    }

    /// <summary>The value as JSON (YAML 1.2 core schema types), or null when absent.</summary>
    public JsonNode? Json(string key) => Node(key) is { } node ? ToJson(node) : null;

    public static JsonNode? ToJson(FrontmatterNode node) => JsonNode.Parse(node.ToJson());

    private void WrongType(string key, FrontmatterNode node, string expected) =>
        Report(AgentDocDiagnosticDescriptors.WrongType, node.Span, "'" + PlaceOf(key) + "'", expected, node.KindDescription);
}
