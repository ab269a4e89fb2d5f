using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace SkillRt.Evaluation;

/// <summary>What an assertion sees of one trial: the case's input, the output, and the model that grades rubrics.</summary>
internal sealed class EvalCheckContext(JsonElement input, JsonElement output, IChatClient grader, string? graderModelId)
{
    /// <summary>The input the skill ran with.</summary>
    public JsonElement Input { get; } = input;

    /// <summary>The validated output, as the runner returned it.</summary>
    public JsonElement Output { get; } = output;

    /// <summary>The output as a node tree, for JSONPath queries (parsed once per trial).</summary>
    public JsonNode? OutputNode { get; } = JsonNode.Parse(output.GetRawText());

    /// <summary>The model that grades <c>rubric</c> assertions.</summary>
    public IChatClient Grader { get; } = grader;

    /// <summary>The model id to ask the grader for, or null for the client's default.</summary>
    public string? GraderModelId { get; } = graderModelId;
}
