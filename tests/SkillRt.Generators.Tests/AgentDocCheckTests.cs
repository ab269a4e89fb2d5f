using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SkillRt.Generators.Tests;

/// <summary>
/// The build checks the operations a skill lists under <c>dependencies.agent-docs</c> against the project's
/// <c>AgentDoc</c> items: SKILL0506 at the operation's line, SKILL0507 when no item of the name is in range,
/// SKILL0508 at the agent-doc file when it cannot be read; a doc with no item at all is left to run time.
/// </summary>
public sealed class AgentDocCheckTests
{
    private const string SkillPath = "/project/skills/welcome/SKILL.md";

    private static string Skill(string agentDocs) =>
        "---\nname: welcome\ndescription: Writes a welcome email request.\nversion: 1.0.0\ndependencies:\n  agent-docs:\n" + agentDocs + "---\nFind the operation that sends an email.\n";

    private static string Doc(string name, string version, params string[] operationIds) =>
        $"agentDoc: \"0.1\"\nidentity:\n  name: {name}\n  version: {version}\nsummary: Sends email.\noperations:\n"
        + string.Concat(operationIds.Select(id => $"  - id: {id}\n    summary: Does {id}.\n"));

    [Fact]
    public void Declared_operations_that_exist_build_clean()
    {
        var result = new GeneratorHarness()
            .AddSkill(SkillPath, Skill("    - doc: mail@^1.5\n      operations: [emails/send, emails/get]\n"))
            .AddAgentDoc("/project/docs/mail.agent-doc.yaml", Doc("mail", "1.5.0", "emails/send", "emails/get", "domains/list"))
            .Run();

        DiagnosticTests.AssertNoProblems(result.Diagnostics);
        Assert.NotEmpty(result.GeneratedTrees);
    }

    [Fact]
    public void An_unknown_operation_is_an_error_at_its_line_naming_the_doc_version_and_closest_ids()
    {
        var skill = Skill("    - doc: mail@^1.5\n      operations:\n        - emails/send\n        - emails/sned\n");
        var result = new GeneratorHarness()
            .AddSkill(SkillPath, skill)
            .AddAgentDoc("/project/docs/mail.agent-doc.yaml", Doc("mail", "1.5.0", "emails/send", "emails/get", "domains/list"))
            .Run();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SKILL0506", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(
            $"{SkillPath}(10,11): error SKILL0506: The agent-doc 'mail' 1.5.0 ('docs/mail.agent-doc.yaml') has no operation 'emails/sned' (closest: emails/send, emails/get); fix the operation ID in dependencies.agent-docs, or change the range to a version that has it",
            diagnostic.ToString());
        Assert.Equal("emails/sned", skill.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        Assert.Equal(SkillDiagnosticHelp.LinkFor("SKILL0506"), diagnostic.Descriptor.HelpLinkUri);
    }

    [Fact]
    public void The_highest_version_in_range_is_the_one_checked_as_at_run_time()
    {
        // 2.0.0 dropped emails/batch: ^1 resolves to 1.5.0 and passes, ^2 (or no range) to 2.0.0 and fails.
        var v1 = Doc("mail", "1.5", "emails/send", "emails/batch");
        var v2 = Doc("mail", "v2", "emails/send");

        var one = new GeneratorHarness().AddSkill(SkillPath, Skill("    - doc: mail@^1\n      operations: [emails/batch]\n"))
            .AddAgentDoc("/project/docs/mail-1.yaml", v1).AddAgentDoc("/project/docs/mail-2.yaml", v2).Run();
        DiagnosticTests.AssertNoProblems(one.Diagnostics);

        var any = new GeneratorHarness().AddSkill(SkillPath, Skill("    - doc: mail\n      operations: [emails/batch]\n"))
            .AddAgentDoc("/project/docs/mail-1.yaml", v1).AddAgentDoc("/project/docs/mail-2.yaml", v2).Run();
        var diagnostic = Assert.Single(any.Diagnostics);
        Assert.Equal("SKILL0506", diagnostic.Id);
        Assert.Contains("The agent-doc 'mail' v2 ('docs/mail-2.yaml') has no operation 'emails/batch'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_declared_doc_without_an_agent_doc_item_is_left_to_run_time()
    {
        var result = new GeneratorHarness()
            .AddSkill(SkillPath, Skill("    - doc: mail@^1.5\n      operations: [emails/nothing]\n    - stripe\n"))
            .AddAgentDoc("/project/docs/other.yaml", Doc("other", "1.0.0", "things/list"))
            .Run();

        DiagnosticTests.AssertNoProblems(result.Diagnostics);
    }

    [Fact]
    public void Items_of_the_name_in_no_version_the_range_accepts_are_an_error_at_the_declaration()
    {
        var skill = Skill("    - mail@^3.0\n");
        var result = new GeneratorHarness()
            .AddSkill(SkillPath, skill)
            .AddAgentDoc("/project/docs/mail-1.yaml", Doc("mail", "1.5.0", "emails/send"))
            .AddAgentDoc("/project/docs/mail-2.yaml", Doc("mail", "2.1.0", "emails/send"))
            .Run();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(
            $"{SkillPath}(7,7): error SKILL0507: No AgentDoc item of 'mail' has a version in '^3.0': the project has 2.1.0 ('docs/mail-2.yaml'), 1.5.0 ('docs/mail-1.yaml'); change the range in dependencies.agent-docs, or add an AgentDoc item with a version it accepts",
            diagnostic.ToString());
        Assert.Equal("mail@^3.0", skill.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Theory]
    [InlineData("agentDoc: \"0.1\"\nidentity:\n  name: mail\n  version: [1\n", 4, "YAML syntax error")]
    [InlineData("agentDoc: \"0.1\"\nidentity:\n  name: mail\nsummary: No version.\n", 2, "'identity.version' is missing or not text")]
    [InlineData("identity:\n  name: mail\n  version: 1.0.0\n", 1, "it has no 'agentDoc' key, so it is not an agent-doc")]
    [InlineData("agentDoc: \"0.1\"\nidentity:\n  name: mail\n  version: 1.0.0\noperations:\n  - summary: No id.\n", 6, "operations[0] has no 'id'")]
    [InlineData("agentDoc: \"0.1\"\nidentity:\n  name: mail\n  version: 1.0.0\noperations: send\n", 5, "'operations' is")]
    [InlineData("- just\n- a list\n", 1, "")]
    [InlineData("agentDoc: \"0.1\"\u0000\n", 1, "NUL character")]
    public void A_malformed_agent_doc_is_an_error_at_its_own_line_and_never_a_crash(string text, int line, string problem)
    {
        const string DocPath = "/project/docs/mail.agent-doc.yaml";
        var result = new GeneratorHarness()
            .AddSkill(SkillPath, Skill("    - doc: mail@^1\n      operations: [emails/send]\n"))
            .AddAgentDoc(DocPath, text)
            .Run();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SKILL0508", diagnostic.Id);
        Assert.Equal(DocPath, diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.StartsWith("This AgentDoc item cannot be read, so skills cannot be checked against it: ", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(problem, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Results, r => r.Exception is not null);
    }

    [Fact]
    public void A_packaged_skill_names_its_package_in_the_error()
    {
        var result = new GeneratorHarness()
            .AddSkill("/nuget/contoso.skills/1.0.0/skills/welcome/SKILL.md", Skill("    - doc: mail@^1\n      operations: [emails/sendd]\n"), ("SkillRtPackage", "Contoso.Skills"), ("SkillRtPackagePath", "skills/welcome/SKILL.md"))
            .AddAgentDoc("/project/docs/mail.yaml", Doc("mail", "1.0.0", "emails/send"))
            .Run();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SKILL0506", diagnostic.Id);
        Assert.EndsWith("(in a skill of the package Contoso.Skills: report it to the package's author, or leave the package's skills out with <SkillRtExcludePackages>Contoso.Skills</SkillRtExcludePackages>)", diagnostic.GetMessage(), StringComparison.Ordinal);
    }
}
