using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Runtime.Tests.Running;

/// <summary>
/// One verdict for one template (issue 15): the build's scan (SkillRt.Format, no Liquid engine) and
/// the runtime's Liquid (Fluid) must agree. A template the scan passes renders; a template the scan
/// refuses with a SKILL07xx error fails to render, and so cannot reach a model.
/// </summary>
public sealed class TemplateVerdictTests
{
    private const string Inputs = "  - name: topic\n    type: string\n  - name: strict\n    type: boolean\n  - name: files\n    type: json\n";
    private const string Input = """{"topic":"t","strict":true,"files":["a","b"]}""";

    public static TheoryData<string> Accepted() =>
    [
        "{{ topic }} {{ topic | upcase | append: '!' }} {{ 'literal' }} {{ 42 }}",
        "{% if strict and topic contains 't' %}x{% elsif topic == 'y' %}y{% else %}z{% endif %}",
        "{% unless strict %}x{% else %}y{% endunless %}",
        "{% case topic %}{% when 't', 'u' %}x{% else %}y{% endcase %}",
        "{% for file in files reversed limit: 1 %}{{ file }} {{ forloop.index }}{% else %}none{% endfor %}",
        "{% for i in (1..3) %}{{ i }}{% endfor %}",
        "{% tablerow file in files cols: 2 %}{{ file }}{% endtablerow %}",
        "{% assign n = files | size %}{{ n }}{% capture c %}{{ topic }}{% endcapture %}{{ c }}",
        "{% increment k %}{% decrement k %}{% cycle 'a', 'b' %}{% echo topic %}",
        "{% raw %}{{ not_a_variable }} {% if %}{% endraw %}{% comment %}{% for %}{% endcomment %}",
        "{%- if strict -%}{{- topic -}}{%- endif -%} {% # an inline comment %}",
        "{% for file in files %}{% if file == 'a' %}{% break %}{% endif %}{% continue %}{% endfor %}",
        "{% ifchanged %}{{ topic }}{% endifchanged %}",
        "{% liquid\necho topic\n%}",
    ];

    public static TheoryData<string> Refused() =>
    [
        "{{ missing }}",
        "{{ topic | append: missing }}",
        "{% if missing %}x{% endif %}",
        "{% for file in missing %}x{% endfor %}",
        "{% assign a = missing %}",
        "{% if strict %}x",
        "{% for file in files %}x",
        "{% capture c %}x",
        "{% comment %}x",
        "{% raw %}x",
        "{% endif %}",
        "{% if strict %}{% for f in files %}{% endif %}{% endfor %}",
        "{% else %}",
        "{% when 1 %}",
        "{% unless strict %}{% elsif strict %}{% endunless %}",
        "{% iff strict %}x{% endif %}",
        "{% include 'x' %}",
        "{% render 'x' %}",
        "{{ topic",
    ];

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task A_template_the_build_accepts_renders(string body)
    {
        var skill = SkillDefinition.Parse(Document(body), "skills/templated/SKILL.md");
        var client = new ScriptedChatClient().Answer("done");

        await new SkillRunner(client).RunAsync(skill, JsonDocument.Parse(Input).RootElement, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Single(client.Requests);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_template_the_build_refuses_fails_to_render(string body)
    {
        var validation = SkillValidator.Validate(Document(body), "skills/templated/SKILL.md");
        Assert.Contains(validation.Diagnostics, d => d.Severity == SkillDiagnosticSeverity.Error && d.Id.StartsWith("SKILL07", StringComparison.Ordinal));

        // The same body where no validator stands in the way: the runtime's own parse and render.
        var descriptor = new SkillDescriptor { Name = "templated", Instructions = body, SourcePath = "skills/templated/SKILL.md", InstructionsLine = 9 };
        await Assert.ThrowsAsync<SkillTemplateException>(async () =>
        {
            var template = SkillRt.Templates.InstructionTemplate.Parse(descriptor, ["topic", "strict", "files"]);
            await template.RenderAsync(JsonDocument.Parse(Input).RootElement, SkillRt.Templates.InstructionTemplate.CreateOptions(10_000));
        });
    }

    private static string Document(string body) =>
        "---\nname: templated\nversion: 1.0.0\ndescription: A template.\ninputs:\n" + Inputs + "---\n" + body + "\n";
}
