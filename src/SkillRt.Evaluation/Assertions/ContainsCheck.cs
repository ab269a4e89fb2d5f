using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace SkillRt.Evaluation;

/// <summary>
/// <c>contains:</c> some selected node holds the value: a string that contains it as a substring (when
/// the value is a string), an array with an item equal to it, or the node itself equal to it (so a
/// wildcard path asks "is one of these the value").
/// </summary>
internal sealed class ContainsCheck(JsonPathQuery path, JsonNode? expected) : PathCheck(path)
{
    public override string Kind => "contains";

    public override string Description => $"{Path.Text} contains {JsonValues.Show(expected)}";

    protected override EvalAssertionResult Check(IReadOnlyList<JsonPathMatch> matches)
    {
        foreach (var match in matches)
        {
            if (Holds(match.Node))
            {
                return Pass();
            }
        }

        var shown = matches.Count == 1 ? JsonValues.Show(matches[0].Node) : JsonValues.Show(new JsonArray([.. matches.Select(m => m.Node?.DeepClone())]));
        return Fail($"not found in {shown}");
    }

    private bool Holds(JsonNode? node)
    {
        if (JsonValues.AreEqual(node, expected))
        {
            return true;
        }

        if (node is JsonArray array && array.Any(item => JsonValues.AreEqual(item, expected)))
        {
            return true;
        }

        return JsonValues.TryGetString(node, out var text) && JsonValues.TryGetString(expected, out var part) && text.Contains(part, StringComparison.Ordinal);
    }
}
