using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;
using SkillRt.Runtime.Tests.Integration;
using SkillRt.Tests;
using SkillRt.Tests.Interop;
using Xunit;

namespace SkillRt.Agents.Tests;

/// <summary>
/// Plain Agent Skills folders (only the Agent Skills keys, with <c>scripts/</c>, <c>references/</c> and
/// <c>assets/</c>), as other tools write them, in <c>AgentSkills/</c>: each is a valid Agent Skills folder
/// by a strict validator and by Agent Framework, and runs in SkillRt unchanged: through the runner, on
/// the official OpenAI client and <see cref="OpenAIChatServer"/>, the model reads the skill's files and runs
/// its scripts in SkillRt's sandbox.
/// </summary>
public sealed class PlainAgentSkillsTests
{
    private static readonly string Folder = Path.Combine(TestPaths.RepositoryRoot, "tests", "SkillRt.Agents.Tests", "AgentSkills");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What the scripted model does with each folder, and what it must get back.</summary>
    public static TheoryData<PlainSkillScenario> Scenarios() =>
    [
        new PlainSkillScenario("changelog-entry", "Record 'Added: CSV export' after 1.4.2.", "references/keep-a-changelog.md", "Before 1.0.0, breaking changes bump the minor version", "next_version.py", ["1.4.2", "minor"], "1.5.0\n"),
        new PlainSkillScenario("sql-review", "Review: DELETE FROM orders", "references/conventions.md", "Table names are plural and snake_case", "lint_sql.py", ["DELETE FROM orders"], "ERROR: DELETE without WHERE changes every row\n"),
        new PlainSkillScenario("incident-report", "Notes: the API returned 503s from 09:10 to 09:40 UTC after a bad deploy.", "assets/template.md", "## What we will change", null, [], null),
    ];

    [Fact]
    public void Every_folder_has_a_scenario()
    {
        Assert.Equal(
            Directory.GetDirectories(Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Scenarios().Select(row => row.Data.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task The_folder_passes_the_agent_skills_rules_and_agent_framework_loads_it(PlainSkillScenario scenario)
    {
        var folder = Path.Combine(Folder, scenario.Name);

        Assert.Empty(StrictAgentSkillsValidator.ValidateFolder(folder));

        var logs = new RecordingLoggerFactory();
        using var source = new AgentFileSkillsSource(folder, loggerFactory: logs);
        var skill = Assert.Single(await source.GetSkillsAsync(new AgentSkillsSourceContext(new ChatClientAgent(new NoModelChatClient()), null), Ct));
        Assert.True(logs.Problems.Length == 0, logs.Problems);
        Assert.Equal(scenario.Name, skill.Frontmatter.Name);
        Assert.NotNull(await skill.GetResourceAsync(scenario.File, Ct));
        if (scenario.Script is { } script)
        {
            Assert.NotNull(await skill.GetScriptAsync("scripts/" + script, Ct));
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task The_folder_runs_in_skillrt_unchanged(PlainSkillScenario scenario)
    {
        var skill = await SkillDefinition.LoadAsync(Path.Combine(Folder, scenario.Name), Ct);
        Assert.Empty(skill.Diagnostics);
        Assert.All(skill.Document.Frontmatter!.Entries, entry => Assert.Contains(entry.Name, AgentSkillsFormat.Keys));

        await using var server = await OpenAIChatServer.StartAsync(Ct);
        ScriptedToolCall[] calls = scenario.Script is { } script
            ? [new("call_read", "read_skill_file", Json(new { path = scenario.File })), new("call_run", "run_script", Json(new { name = script, args = scenario.Arguments }))]
            : [new("call_read", "read_skill_file", Json(new { path = scenario.File }))];
        server.EnqueueToolCalls(calls).EnqueueCompletion("Here is the result.");
        await using var runner = new SkillRunner(server.CreateChatClient("gpt-skill"));

        var result = await runner.RunAsync(skill, scenario.Task, cancellationToken: Ct);

        Assert.Equal("Here is the result.", result.Output.GetString());
        Assert.Equal(calls.Length, result.Report.ToolCalls);
        var first = server.Requests[0];
        Assert.Equal(skill.Instructions, first.Messages[0].Text);
        Assert.Equal(scenario.Task, first.Messages.Last(m => m.Role == "user").Text);
        var offered = first.Body.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString());
        Assert.Equal(scenario.Script is null ? ["read_skill_file"] : ["read_skill_file", "run_script"], offered.Order(StringComparer.Ordinal));

        var results = server.Requests[1].Messages.Where(m => m.Role == "tool").ToDictionary(m => m.Json.GetProperty("tool_call_id").GetString()!, m => m.Text);
        Assert.Contains(scenario.FileExcerpt, results["call_read"], StringComparison.Ordinal);
        if (scenario.Script is not null)
        {
            var run = JsonDocument.Parse(results["call_run"]).RootElement;
            Assert.True(run.GetProperty("exit_code").GetInt32() == 0, results["call_run"]);
            Assert.Equal(scenario.ScriptOutput, run.GetProperty("stdout").GetString());
        }
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
