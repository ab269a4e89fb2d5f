using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;
using SkillRt.Runtime.Tests.Integration;
using SkillRt.Tests;
using SkillRt.Tests.Interop;
using Xunit;

namespace SkillRt.Agents.Tests;

/// <summary>
/// Every skill in <c>examples/</c>, exported with the real <c>skillrt export --agent-skills</c>, is a plain
/// Agent Skills folder: it passes a strict Agent Skills validator (the reference validator's rules) and
/// Microsoft Agent Framework's own file skills source and provider load it, in an agent that runs. The
/// prose example has no frontmatter, so it cannot be exported (Agent Skills needs a name and a
/// description); it reaches Agent Framework through <see cref="SkillRtSkillsSource"/> instead.
/// </summary>
public sealed class ExampleRoundTripTests : IDisposable
{
    private readonly SkillFolderTree _out = new("skillrt-exported-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Sources are asked for an agent's skills; these tests ask outside a run, for an agent that never runs.
    private static AgentSkillsSourceContext SourceContext => new(new ChatClientAgent(new NoModelChatClient()), session: null);

    public void Dispose() => _out.Dispose();

    [Fact]
    public async Task Every_exported_example_passes_the_agent_skills_rules_and_loads_in_agent_frameworks_skills_source()
    {
        var examples = Directory.GetDirectories(TestPaths.Examples).Where(d => File.Exists(Path.Combine(d, "SKILL.md"))).Order(StringComparer.Ordinal).ToList();
        var exported = new Dictionary<string, SkillDefinition>(StringComparer.Ordinal);
        foreach (var example in examples)
        {
            var original = await SkillDefinition.LoadAsync(example, Ct);
            var (exitCode, output) = await SkillrtExport.RunAsync(example, _out.Root, Ct);
            if (original.Document.Mode == SkillMode.Prose)
            {
                Assert.Equal(1, exitCode);
                Assert.Contains("is a prose skill (no frontmatter), and Agent Skills needs a name and a description", output, StringComparison.Ordinal);
                continue;
            }

            Assert.True(exitCode == 0, output);
            exported.Add(original.Name, original);
        }

        Assert.Equal(["csv-summary", "pr-review"], exported.Keys.Order(StringComparer.Ordinal));
        foreach (var name in exported.Keys)
        {
            Assert.Empty(StrictAgentSkillsValidator.ValidateFolder(_out.PathOf(name)));
        }

        var logs = new RecordingLoggerFactory();
        using var source = new AgentFileSkillsSource(_out.Root, loggerFactory: logs);
        var loaded = (await source.GetSkillsAsync(SourceContext, Ct)).ToDictionary(s => s.Frontmatter.Name);

        Assert.True(logs.Problems.Length == 0, logs.Problems);
        Assert.Equal(exported.Keys.Order(StringComparer.Ordinal), loaded.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, original) in exported)
        {
            Assert.Equal(original.Manifest.Description, loaded[name].Frontmatter.Description);
            Assert.Equal(original.Manifest.License, loaded[name].Frontmatter.License);
        }

        // The scripted example brings its script and its reference along.
        var csv = loaded["csv-summary"];
        Assert.Equal("Requires Python 3.9 or later; no third-party packages.", csv.Frontmatter.Compatibility);
        Assert.Equal("Bash(python3:*) Read", csv.Frontmatter.AllowedTools);
        Assert.NotNull(await csv.GetResourceAsync("references/types.md", Ct));
        Assert.NotNull(await csv.GetScriptAsync("scripts/summarize.py", Ct));

        // And SkillRt reads the exported folder (with its sidecar) as the same skill.
        var back = await SkillDefinition.LoadAsync(_out.PathOf("pr-review"), Ct);
        Assert.Equal(exported["pr-review"].Manifest.Version, back.Manifest.Version);
        Assert.Equal(exported["pr-review"].Descriptor.InputSchema, back.Descriptor.InputSchema);
    }

    [Fact]
    public async Task An_agent_with_agent_frameworks_skills_provider_loads_an_exported_example()
    {
        var (exitCode, output) = await SkillrtExport.RunAsync(Path.Combine(TestPaths.Examples, "pr-review"), _out.Root, Ct);
        Assert.True(exitCode == 0, output);
        await using var server = await OpenAIChatServer.StartAsync(Ct);
        server.EnqueueToolCall("load_skill", """{"skillName":"pr-review"}""", id: "call_load")
            .EnqueueCompletion("I will review the pull request as the skill says.");
        using var provider = new AgentSkillsProvider(_out.Root, options: new AgentSkillsProviderOptions { DisableLoadSkillApproval = true });
        var agent = new ChatClientAgent(server.CreateChatClient("gpt-agent"), new ChatClientAgentOptions { AIContextProviders = [provider] });

        var response = await agent.RunAsync("Review https://github.com/o/r/pull/7.", cancellationToken: Ct);

        Assert.Equal("I will review the pull request as the skill says.", response.Text);
        Assert.Contains("<name>pr-review</name>", server.Requests[0].Messages[0].Text, StringComparison.Ordinal);
        var skillText = server.Requests[1].Messages.Single(m => m.Role == "tool").Text;
        Assert.Contains("name: pr-review", skillText, StringComparison.Ordinal);
        Assert.Contains("# Review a pull request", skillText, StringComparison.Ordinal);
        Assert.DoesNotContain("inputs:", skillText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_prose_example_reaches_agent_framework_through_the_skillrt_source()
    {
        var skills = new SkillCollection().Add(await SkillDefinition.LoadAsync(Path.Combine(TestPaths.Examples, "commit-style"), Ct));
        await using var runner = new SkillRunner(new NoModelChatClient());

        var skill = Assert.Single(await new SkillRtSkillsSource(skills, runner).GetSkillsAsync(SourceContext, Ct));

        Assert.Equal("commit-style", skill.Frontmatter.Name);
        Assert.Equal("Use this skill whenever you write a git commit message for this repository.", skill.Frontmatter.Description);
        Assert.Contains("1. The subject line is imperative", await skill.GetContentAsync(Ct), StringComparison.Ordinal);
    }
}
