using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Evaluation;

/// <summary>
/// <c>rubric:</c> a model grades the output against the rubric in words. The grader is sent the
/// rubric, the input and the output, and must answer with <c>{"pass": true|false, "reason": "…"}</c>
/// (asked for as a JSON schema response format); any other answer fails the assertion and shows what
/// came back. A grader that errors (a network failure, a replay that ran out) fails it too, with the reason.
/// </summary>
internal sealed class RubricCheck(string rubric) : EvalCheck
{
    internal const string Instructions =
        "You grade the output of an AI skill against a rubric. Judge only what the rubric asks. "
        + "Answer with one JSON object and nothing else: {\"pass\": true or false, \"reason\": \"one or two sentences\"}. "
        + "\"pass\" is true only when the output meets every point of the rubric.";

    private static readonly JsonElement GradeSchema = JsonDocument.Parse(
        """{"type":"object","properties":{"pass":{"type":"boolean"},"reason":{"type":"string"}},"required":["pass","reason"],"additionalProperties":false}""").RootElement.Clone();

    public override string Kind => "rubric";

    public override string Description => "rubric: " + OneLine(rubric);

    public string Rubric => rubric;

    public override async ValueTask<EvalAssertionResult> CheckAsync(EvalCheckContext context, CancellationToken cancellationToken)
    {
        var messages = new[]
        {
            new ChatMessage(ChatRole.System, Instructions),
            new ChatMessage(ChatRole.User, $"Rubric:\n{rubric}\n\nInput (JSON):\n{context.Input.GetRawText()}\n\nOutput (JSON):\n{context.Output.GetRawText()}"),
        };
        var options = new ChatOptions
        {
            ModelId = context.GraderModelId,
            Temperature = 0,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(GradeSchema, "grade", "The grade: whether the output meets the rubric, and why."),
        };

        string answer;
        try
        {
            var response = await context.Grader.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            answer = response.Text ?? string.Empty;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Fail("the grader failed: " + exception.Message);
        }

        return TryReadGrade(answer, out var pass, out var reason)
            ? new EvalAssertionResult(Kind, Description, pass, reason)
            : Fail("the grader did not answer with {\"pass\": true|false, \"reason\": \"…\"}; it answered: " + Shorten(answer));
    }

    /// <summary>Reads the grader's answer; a fenced code block around the JSON is accepted, as models often add one.</summary>
    internal static bool TryReadGrade(string answer, out bool pass, out string reason)
    {
        pass = false;
        reason = string.Empty;
        var text = answer.Trim();
        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLine = text.IndexOf('\n', StringComparison.Ordinal);
            var close = text.LastIndexOf("```", StringComparison.Ordinal);
            if (firstLine < 0 || close <= firstLine)
            {
                return false;
            }

            text = text[(firstLine + 1)..close].Trim();
        }

        if (text.Length > EvalLimits.MaxGraderAnswerLength)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("pass", out var passElement) || passElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False)
                || !root.TryGetProperty("reason", out var reasonElement) || reasonElement.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            pass = passElement.GetBoolean();
            reason = reasonElement.GetString()!;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 80 ? line : string.Concat(line.AsSpan(0, 80), "…");
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
