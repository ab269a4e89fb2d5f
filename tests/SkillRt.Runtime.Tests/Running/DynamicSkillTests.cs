using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Runtime.Tests.Infrastructure;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Runtime.Tests.Running;

/// <summary>Skills loaded at run time: JSON in, JSON out, checked with <see cref="SkillRt.Schemas.JsonSchemaValidator"/>.</summary>
public sealed class DynamicSkillTests
{
    private static Task<SkillDefinition> PrReview() =>
        SkillDefinition.LoadAsync(Path.Combine(TestPaths.Examples, "pr-review"), TestContext.Current.CancellationToken);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public async Task Dynamic_run_applies_defaults_and_returns_the_output_as_json()
    {
        var client = new ScriptedChatClient().Answer(PrReviewAnswers.Valid);
        var result = await new SkillRunner(client).RunAsync(await PrReview(), Json("""{"pr_url":"https://github.com/a/b/pull/1","include_nits":true}"""), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("request-changes", result.Output.GetProperty("verdict").GetString());
        Assert.Equal(2, result.Output.GetProperty("findings").GetArrayLength());
        Assert.Equal("""{"pr_url":"https://github.com/a/b/pull/1","focus":"all","max_findings":20,"include_nits":true}""", client.Requests[0].User);
        Assert.Contains("4. Include nits", client.Requests[0].System, StringComparison.Ordinal);
        Assert.NotNull(client.Requests[0].Options!.ResponseFormat);
    }

    [Fact]
    public async Task Every_input_problem_is_reported_at_once()
    {
        var client = new ScriptedChatClient();
        var error = await Assert.ThrowsAsync<SkillInputException>(() => new SkillRunner(client).RunAsync(
            PrReview().Result, Json("""{"pr_url":"not a url","focus":"everything","max_findings":"ten","extra":1}"""), cancellationToken: TestContext.Current.CancellationToken));

        var pointers = error.Violations.Select(v => v.Pointer).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["/extra", "/focus", "/max_findings", "/pr_url"], pointers);
        Assert.Contains(error.Violations, v => v.Message == "The string \"everything\" is not allowed; use one of \"correctness\", \"security\", \"style\", \"all\".");
        Assert.Contains(error.Violations, v => v.Message == "Expected an integer but found the string \"ten\".");
        Assert.Contains(error.Violations, v => v.Message.StartsWith("The property 'extra' is not allowed; the allowed properties are 'pr_url', 'focus'", StringComparison.Ordinal));
        Assert.Contains(error.Violations, v => v.Message == "Expected an absolute URL such as https://example.com/path but found the string \"not a url\".");
        Assert.Empty(client.Requests);

        error = await Assert.ThrowsAsync<SkillInputException>(() => new SkillRunner(client).RunAsync(PrReview().Result, Json("{}"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("(root): The required property 'pr_url' is missing.", Assert.Single(error.Violations).ToString());

        error = await Assert.ThrowsAsync<SkillInputException>(() => new SkillRunner(client).RunAsync(PrReview().Result, Json("[1]"), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("Expected an object holding the inputs of skill 'pr-review' but found an array.", Assert.Single(error.Violations).Message);
    }

    [Fact]
    public async Task Json_input_schemas_are_checked_with_their_definitions()
    {
        var skill = SkillDefinition.Parse("""
            ---
            name: tree-walk
            version: 1.0.0
            description: Walks a tree.
            inputs:
              - name: tree
                type: json
                required: true
                schema:
                  $defs:
                    node:
                      type: object
                      required: [name]
                      properties:
                        name: {type: string, minLength: 1}
                        children: {type: array, items: {$ref: "#/$defs/node"}}
                  $ref: "#/$defs/node"
            ---
            Walk {{ tree.name }}.
            """);
        var client = new ScriptedChatClient().Answer("done");

        var error = await Assert.ThrowsAsync<SkillInputException>(() => new SkillRunner(client).RunAsync(skill, Json("""{"tree":{"name":"root","children":[{"name":""},{}]}}"""), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(["/tree/children/0/name", "/tree/children/1"], error.Violations.Select(v => v.Pointer).Order(StringComparer.Ordinal));

        var result = await new SkillRunner(client).RunAsync(skill, Json("""{"tree":{"name":"root","children":[{"name":"leaf"}]}}"""), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("done", result.Output.GetString());
        Assert.StartsWith("Walk root.", client.Requests[0].System, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dynamic_output_violations_are_repaired_with_json_pointers()
    {
        var client = new ScriptedChatClient().Answer(PrReviewAnswers.Invalid).Answer(PrReviewAnswers.Valid);
        var result = await new SkillRunner(client).RunAsync(await PrReview(), Json("""{"pr_url":"https://github.com/a/b/pull/1"}"""), cancellationToken: TestContext.Current.CancellationToken);

        var violations = Assert.Single(result.Report.Repairs).Violations;
        Assert.Contains(violations, v => v.Pointer == "/verdict" && v.Message == "The string \"lgtm\" is not allowed; use one of \"approve\", \"comment\", \"request-changes\".");
        Assert.Contains(violations, v => v.Pointer == "/findings/0/severity");
        Assert.Contains(violations, v => v.Pointer == "/findings/0" && v.Message == "The required property 'message' is missing.");
        Assert.Equal("request-changes", result.Output.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Agent_skills_file_runs_on_a_task_with_its_instructions_verbatim()
    {
        var skill = await SkillDefinition.LoadAsync(Path.Combine(TestPaths.Examples, "csv-summary"), TestContext.Current.CancellationToken);
        var client = new ScriptedChatClient().Answer("The file has 3 columns and 120 rows.");

        var result = await new SkillRunner(client).RunAsync(skill, "Summarize data/sales.csv", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("The file has 3 columns and 120 rows.", result.Output.GetString());
        Assert.Equal(skill.Instructions, client.Requests[0].System);
        Assert.Equal("Summarize data/sales.csv", client.Requests[0].User);

        var error = await Assert.ThrowsAsync<SkillInputException>(() => new SkillRunner(client).RunAsync(skill, Json("""{"file":"x.csv"}"""), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal("Skill 'csv-summary' declares no inputs; pass the task as a JSON string.", Assert.Single(error.Violations).Message);
    }

    [Fact]
    public async Task Body_without_an_inputs_key_is_not_a_template()
    {
        var skill = SkillDefinition.Parse("""
            ---
            name: literal
            description: Shows template syntax to the model.
            ---
            Answer with {{ github.token }} and {% raw %} literally.
            """);
        var client = new ScriptedChatClient().Answer("ok");

        await new SkillRunner(client).RunAsync(skill, "go", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Answer with {{ github.token }} and {% raw %} literally.", client.Requests[0].System);
    }
}
