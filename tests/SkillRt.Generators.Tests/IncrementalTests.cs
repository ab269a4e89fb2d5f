using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace SkillRt.Generators.Tests;

/// <summary>
/// The pipeline does skill work only for what changed: editing C# code leaves every skill step
/// cached, and editing one SKILL.md regenerates that skill alone.
/// </summary>
public sealed class IncrementalTests
{
    private static string Skill(string name, string body = "Use {{ text }}.") =>
        $"---\nname: {name}\ndescription: A skill.\nversion: 1.0.0\ninputs:\n  - name: text\n    required: true\noutputs:\n  type: json\n  schema:\n    type: object\n    properties:\n      ok: {{type: boolean}}\n---\n{body}\n";

    private static readonly string[] SkillSteps = [TrackingNames.SkillFiles, TrackingNames.SkillSpecs, TrackingNames.TypeNames, TrackingNames.CatalogEntries];

    [Fact]
    public void Editing_csharp_code_does_no_skill_work()
    {
        var harness = new GeneratorHarness().AddSkill("/project/one/SKILL.md", Skill("one")).AddSkill("/project/two/SKILL.md", Skill("two"));
        var compilation = GeneratorHarness.CreateCompilation();
        var driver = harness.CreateDriver().RunGenerators(compilation, GeneratorHarness.CancellationToken);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer; public static class Added { }", cancellationToken: GeneratorHarness.CancellationToken));
        var result = driver.RunGenerators(edited, GeneratorHarness.CancellationToken).GetRunResult().Results.Single();

        foreach (var step in SkillSteps.Concat([TrackingNames.SkillOutputs, TrackingNames.TypeConflicts, TrackingNames.Catalog, TrackingNames.RuntimeReference]))
        {
            Assert.All(result.TrackedSteps[step].SelectMany(s => s.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_one_skill_regenerates_only_that_skill()
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var one = new InMemoryAdditionalText("/project/one/SKILL.md", Skill("one"));
        var two = new InMemoryAdditionalText("/project/two/SKILL.md", Skill("two"));
        var driver = new GeneratorHarness().AddFile(one, ("SourceItemType", "SkillFile")).AddFile(two, ("SourceItemType", "SkillFile")).CreateDriver();
        driver = driver.RunGenerators(compilation, GeneratorHarness.CancellationToken);
        var before = driver.GetRunResult().GeneratedTrees.ToDictionary(t => t.FilePath, t => t.ToString());

        driver = driver.ReplaceAdditionalText(two, new InMemoryAdditionalText(two.Path, Skill("two", "Use {{ text }} carefully.")));
        var run = driver.RunGenerators(compilation, GeneratorHarness.CancellationToken).GetRunResult();
        var result = run.Results.Single();

        Assert.Equal([IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified], Reasons(result, TrackingNames.SkillSpecs));
        Assert.Equal([IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified], Reasons(result, TrackingNames.SkillOutputs));

        // The types and the catalogue entry of the edited skill did not change, so nothing downstream reruns.
        Assert.Equal([IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged], Reasons(result, TrackingNames.TypeNames));
        Assert.All(Reasons(result, TrackingNames.TypeConflicts).Concat(Reasons(result, TrackingNames.Catalog)), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));

        var after = run.GeneratedTrees.ToDictionary(t => t.FilePath, t => t.ToString());
        var changed = before.Keys.Where(path => before[path] != after[path]).ToList();
        Assert.Equal(["Consumer.Skills.TwoSkill.g.cs"], changed.Select(System.IO.Path.GetFileName));
    }

    [Fact]
    public void Renaming_a_skill_updates_the_catalogue()
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var one = new InMemoryAdditionalText("/project/one/SKILL.md", Skill("one"));
        var driver = new GeneratorHarness().AddFile(one, ("SourceItemType", "SkillFile")).CreateDriver().RunGenerators(compilation, GeneratorHarness.CancellationToken);

        driver = driver.ReplaceAdditionalText(one, new InMemoryAdditionalText(one.Path, Skill("first")));
        var run = driver.RunGenerators(compilation, GeneratorHarness.CancellationToken).GetRunResult();

        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(run.Results.Single(), TrackingNames.Catalog));
        Assert.Contains("global::Consumer.Skills.FirstSkill.Descriptor", run.GeneratedTrees.Single(t => t.FilePath.EndsWith(CatalogEmitter.HintName, StringComparison.Ordinal)).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Agent_docs_are_read_once_and_checks_rerun_only_when_declarations_or_docs_change()
    {
        var compilation = GeneratorHarness.CreateCompilation();
        var declaring = new InMemoryAdditionalText("/project/welcome/SKILL.md", "---\nname: welcome\ndescription: A skill.\nversion: 1.0.0\ndependencies:\n  agent-docs:\n    - doc: mail@^1\n      operations: [emails/send]\n---\nSend it.\n");
        var other = new InMemoryAdditionalText("/project/other/SKILL.md", Skill("other"));
        var doc = new InMemoryAdditionalText("/project/mail.agent-doc.yaml", "agentDoc: \"0.1\"\nidentity:\n  name: mail\n  version: 1.0.0\noperations:\n  - id: emails/send\n");
        var driver = new GeneratorHarness()
            .AddFile(declaring, ("SourceItemType", "SkillFile"))
            .AddFile(other, ("SourceItemType", "SkillFile"))
            .AddFile(doc, ("SourceItemType", "AgentDoc"))
            .CreateDriver()
            .RunGenerators(compilation, GeneratorHarness.CancellationToken);

        // An unrelated skill changes: the agent-doc is not read again and no check reruns.
        driver = driver.ReplaceAdditionalText(other, new InMemoryAdditionalText(other.Path, Skill("other", "Use {{ text }} now.")));
        driver = driver.RunGenerators(compilation, GeneratorHarness.CancellationToken);
        var result = driver.GetRunResult().Results.Single();
        Assert.Equal([IncrementalStepRunReason.Cached], Reasons(result, TrackingNames.AgentDocOutlines));
        Assert.Equal([IncrementalStepRunReason.Cached], Reasons(result, TrackingNames.AgentDocSet));
        Assert.Equal([IncrementalStepRunReason.Cached], Reasons(result, TrackingNames.AgentDocChecks));

        // The declaring skill's body changes: its declarations did not, so its check stays cached.
        driver = driver.ReplaceAdditionalText(declaring, new InMemoryAdditionalText(declaring.Path, declaring.GetText(GeneratorHarness.CancellationToken).ToString().Replace("Send it.", "Send it now.", StringComparison.Ordinal)));
        driver = driver.RunGenerators(compilation, GeneratorHarness.CancellationToken);
        result = driver.GetRunResult().Results.Single();
        Assert.Equal([IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified], Reasons(result, TrackingNames.SkillSpecs));
        Assert.All(Reasons(result, TrackingNames.AgentDocUses), reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
        Assert.Equal([IncrementalStepRunReason.Cached], Reasons(result, TrackingNames.AgentDocChecks));
        Assert.Equal([IncrementalStepRunReason.Cached], Reasons(result, TrackingNames.AgentDocOutlines));

        // The agent-doc changes: it is read again and the check reruns, but no skill is parsed or generated again.
        driver = driver.ReplaceAdditionalText(doc, new InMemoryAdditionalText(doc.Path, "agentDoc: \"0.1\"\nidentity:\n  name: mail\n  version: 1.0.0\noperations:\n  - id: emails/create\n"));
        var run = driver.RunGenerators(compilation, GeneratorHarness.CancellationToken).GetRunResult();
        result = run.Results.Single();
        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(result, TrackingNames.AgentDocOutlines));
        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(result, TrackingNames.AgentDocChecks));
        Assert.All(Reasons(result, TrackingNames.SkillSpecs).Concat(Reasons(result, TrackingNames.SkillOutputs)), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.Equal("SKILL0506", Assert.Single(run.Diagnostics).Id);
    }

    [Fact]
    public void Skill_specs_are_value_equal_across_runs()
    {
        var text = Skill("same");
        var first = SkillFileReader.Read(new SkillFileRequest(new InMemoryAdditionalText("/p/same/SKILL.md", text), "Consumer.Skills", null, null, null, "/p/"), default, GeneratorHarness.CancellationToken);
        var second = SkillFileReader.Read(new SkillFileRequest(new InMemoryAdditionalText("/p/same/SKILL.md", text), "Consumer.Skills", null, null, null, "/p/"), default, GeneratorHarness.CancellationToken);

        Assert.NotNull(first.Code?.Contract);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult result, string step) =>
        result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).OrderBy(r => r.ToString(), StringComparer.Ordinal).ToArray();
}
