using System;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Runtime.Tests.Running;

/// <summary>Rendering errors point at the SKILL.md line, and templates reach nothing but the input.</summary>
public sealed class TemplateTests
{
    private static SkillDefinition Skill(string body, string inputs = "  - name: topic\n    type: string\n") => SkillDefinition.Parse(
        "---\nname: templated\nversion: 1.0.0\ndescription: A template.\ninputs:\n" + inputs + "---\n" + body, "skills/templated/SKILL.md");

    private static async Task<SkillTemplateException> RenderFails(SkillDefinition skill, string input = """{"topic":"x"}""")
    {
        var client = new ScriptedChatClient().Answer("unused");
        var error = await Assert.ThrowsAsync<SkillTemplateException>(() =>
            new SkillRunner(client).RunAsync(skill, JsonDocument.Parse(input).RootElement, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Empty(client.Requests);
        return error;
    }

    [Fact]
    public async Task Undeclared_name_fails_at_its_line_where_no_validator_stands_before_the_renderer()
    {
        // A descriptor built in code skips the validator, which would refuse this (SKILL0701); the
        // renderer still names the line. The body starts on line 9 of the SKILL.md.
        var descriptor = new SkillDescriptor { Name = "templated", Instructions = "Intro.\n\n{% if verbose %}\nMore.\n{% endif %}\n", SourcePath = "skills/templated/SKILL.md", InstructionsLine = 9 };
        var template = SkillRt.Templates.InstructionTemplate.Parse(descriptor, ["topic"]);

        var error = await Assert.ThrowsAsync<SkillTemplateException>(async () =>
            await template.RenderAsync(JsonDocument.Parse("""{"topic":"x"}""").RootElement, SkillRt.Templates.InstructionTemplate.CreateOptions(1000)));

        Assert.Equal(11, error.Line);
        Assert.Equal(7, error.Column);
        Assert.Equal("skills/templated/SKILL.md(11,7): error: the instructions of skill 'templated' cannot be rendered: 'verbose' is not an input of the skill; declare it under 'inputs' or fix the name (inputs: topic).", error.Message);
    }

    [Fact]
    public void Undeclared_name_in_a_tag_is_refused_before_any_run()
    {
        var error = Assert.Throws<SkillValidationException>(() => Skill("Intro.\n\n{% if verbose %}\nMore.\n{% endif %}\n"));
        Assert.Contains("skills/templated/SKILL.md(11,7): error SKILL0701: 'verbose' is not a declared input", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Syntax_error_fails_at_its_line()
    {
        // A malformed expression is the runtime's to report: the build checks names and blocks, not grammar.
        var error = await RenderFails(Skill("Intro.\n{{ topic topic }}\n"));

        Assert.Equal(10, error.Line);
        Assert.StartsWith("skills/templated/SKILL.md(10,", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fix the Liquid syntax", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_filter_is_an_error()
    {
        var error = await RenderFails(Skill("{{ topic | shout }}\n"));
        Assert.Contains("shout", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_is_refused_before_any_run()
    {
        var error = Assert.Throws<SkillValidationException>(() => Skill("{% include 'secrets.txt' %}\n"));
        Assert.Contains("error SKILL0705: '{% include %}' cannot be rendered: it reads another template from a file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runaway_loop_is_stopped_by_the_step_limit()
    {
        var skill = Skill("{% for i in (1..5000) %}{% for j in (1..5000) %}{{ i }}{% endfor %}{% endfor %}\n");
        var client = new ScriptedChatClient();
        var error = await Assert.ThrowsAsync<SkillTemplateException>(() => new SkillRunner(client, new SkillRunnerOptions { TemplateMaxSteps = 1000 })
            .RunAsync(skill, JsonDocument.Parse("""{"topic":"x"}""").RootElement, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("more than 1000 steps", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Huge_range_fails_fast_instead_of_building_it()
    {
        var error = await RenderFails(Skill("{% for i in (1..100000000) %}.{% endfor %}\n"));
        Assert.Equal("the range (1..100000000) has more than 10000 numbers; use a smaller range.", error.Problem);
    }

    [Fact]
    public async Task Template_that_reads_the_clock_is_rendered_on_every_run()
    {
        var client = new ScriptedChatClient().Answer("1").Answer("2");
        var runner = new SkillRunner(client);
        var skill = Skill("{% assign stamp = 'now' | date: '%s%N' %}Topic {{ topic }} at {{ stamp }}.\n");

        for (var i = 0; i < 2; i++)
        {
            await runner.RunAsync(skill, JsonDocument.Parse("""{"topic":"x"}""").RootElement, cancellationToken: TestContext.Current.CancellationToken);
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        Assert.StartsWith("Topic x at ", client.Requests[0].System, StringComparison.Ordinal);
        Assert.NotEqual(client.Requests[0].System, client.Requests[1].System);
    }

    [Fact]
    public async Task Values_are_inserted_verbatim_without_html_encoding()
    {
        var client = new ScriptedChatClient().Answer("ok");
        await new SkillRunner(client).RunAsync(Skill("Topic: {{ topic }}\n"), JsonDocument.Parse("""{"topic":"<a href=\"x\">Tom & Jerry's</a>"}""").RootElement, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Topic: <a href=\"x\">Tom & Jerry's</a>\n", client.Requests[0].System);
    }
}
