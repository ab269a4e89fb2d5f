using System;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.Handoff.Serialization;

namespace SkillRt.Handoff.Delegation;

/// <summary>
/// Grades an output against a rubric with a grader model: the grader answers
/// <c>{"score": 0..1, "reason": "…"}</c>, and the rubric passes at its pass score. The grader's calls
/// go through <see cref="BudgetChatClient"/>, so they spend the same budget as the child.
/// </summary>
internal static class RubricGrader
{
    private const string Instructions =
        "You grade another model's answer to a task. Read the task, the rubric and the answer, then reply with only a JSON object: "
        + "{\"score\": <a number from 0 to 1, how well the answer meets the rubric>, \"reason\": \"<one sentence>\"}.";

    public static async Task<HandoffEvidence> GradeAsync(IChatClient grader, HandoffEnvelope envelope, HandoffRubric rubric, JsonElement output, CancellationToken cancellationToken)
    {
        ChatMessage[] messages =
        [
            new(ChatRole.System, Instructions),
            new(ChatRole.User, "## Task\n\n" + envelope.Goal + "\n\n## Rubric\n\n" + rubric.Instructions + "\n\n## Answer\n\n" + output.GetRawText()),
        ];
        var response = await grader.GetResponseAsync(messages, new ChatOptions { ResponseFormat = ChatResponseFormat.Json }, cancellationToken).ConfigureAwait(false);
        var verdict = Read(response.Text);
        if (verdict is null || double.IsNaN(verdict.Score) || verdict.Score is < 0 or > 1)
        {
            return new HandoffEvidence
            {
                Criterion = "rubric",
                Passed = false,
                Detail = "The grader's answer is not {\"score\": 0..1, \"reason\": …}: " + Excerpt(response.Text),
            };
        }

        var passed = verdict.Score >= rubric.PassScore;
        return new HandoffEvidence
        {
            Criterion = "rubric",
            Passed = passed,
            Score = verdict.Score,
            Detail = string.Create(CultureInfo.InvariantCulture, $"Score {verdict.Score:0.###} {(passed ? "reaches" : "is below")} the pass score {rubric.PassScore:0.###}: {verdict.Reason}"),
        };
    }

    private static GraderVerdict? Read(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        if (start < 0 || end < start)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text.AsSpan(start, end - start + 1), HandoffJsonContext.Default.GraderVerdict);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Excerpt(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
