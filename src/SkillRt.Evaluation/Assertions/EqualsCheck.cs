using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace SkillRt.Evaluation;

/// <summary>
/// <c>equals:</c> the selection equals the value: the node itself when the path selects one node, else
/// the array of the selected nodes in document order (spec section 6.2).
/// </summary>
internal sealed class EqualsCheck(JsonPathQuery path, JsonNode? expected) : PathCheck(path)
{
    public override string Kind => "equals";

    public override string Description => $"{Path.Text} equals {JsonValues.Show(expected)}";

    protected override EvalAssertionResult Check(IReadOnlyList<JsonPathMatch> matches)
    {
        var actual = matches.Count == 1 && Path.IsSingular
            ? matches[0].Node
            : new JsonArray([.. matches.Select(match => match.Node?.DeepClone())]);
        return JsonValues.AreEqual(actual, expected) ? Pass() : Fail($"got {JsonValues.Show(actual)}");
    }
}
