using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using SkillRt.AgentDoc;
using SkillRt.Runtime.Tests.Integration;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// <c>skillrt run</c> of a skill that declares <c>dependencies.agent-docs</c>: the agent-docs come from
/// <c>--agent-doc</c> and the skill's folder, the model (a loopback OpenAI server, or a replay file) is
/// offered the doc tools over them, and a declared doc or operation that is not there fails the run before
/// the model is called, saying where the CLI looked.
/// </summary>
public sealed class RunAgentDocCommandTests : IAsyncDisposable
{
    private const string Body = """{"body":{"from":"Acme <welcome@example.com>","to":"ada@example.com","subject":"Welcome to Acme","html":"<p>Welcome, Ada!</p>"}}""";

    private static readonly string Resend = Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "testdata", "openapi", "resend", "resend.yaml");

    // The validation target's skill: it declares resend@^1.5 and the operation emails/send.
    private static readonly string WelcomeEmail = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "SkillRt.AgentDoc.Tests", "Skills", "welcome-email", "SKILL.md"));

    private readonly ModelServerCli _session = new();

    private SkillCli Cli => _session.Cli;

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    [Fact]
    public async Task The_model_finds_the_operation_with_the_doc_tools_over_the_agent_doc_passed_with_agent_doc()
    {
        var skill = Cli.WriteFile("skills/welcome-email/SKILL.md", WelcomeEmail);
        Directory.CreateDirectory(Path.Combine(Cli.WorkingDirectory, "docs"));
        var generated = await Cli.RunAsync("agent-doc", "from-openapi", Resend, "-o", Path.Combine(Cli.WorkingDirectory, "docs", "resend.agent-doc.yaml"));
        Assert.True(generated.ExitCode == 0, generated.ToString());
        var server = await _session.StartServerAsync();
        server.EnqueueToolCall(AgentDocTools.SearchOperations, """{"library":"resend","query":"send an email"}""", id: "call_1")
            .EnqueueToolCall(AgentDocTools.GetOperation, """{"library":"resend","operationId":"emails/send"}""", id: "call_2")
            .EnqueueCompletion(Body);

        var result = await Cli.RunAsync("run", Path.GetDirectoryName(skill)!, "--input", "email=ada@example.com", "--agent-doc", "docs", "-v");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("ada@example.com", JsonNode.Parse(result.Output)!["body"]!["to"]!.GetValue<string>());
        Assert.Contains($"skillrt: agent-doc resend@^1.5: resend 1.5.0 from {Path.Combine(Cli.WorkingDirectory, "docs", "resend.agent-doc.yaml")}", result.Error, StringComparison.Ordinal);
        Assert.EndsWith(", 2 tool calls, 0 repairs", Lines(result.Error).Last(), StringComparison.Ordinal);

        // The doc tools were offered, and they answered from the agent-doc given.
        var tools = server.Requests[0].Body.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()).ToList();
        Assert.Contains(AgentDocTools.GetOperation, tools);
        var search = JsonNode.Parse(server.Requests[1].Messages.Last(m => m.Role == "tool").Text!)!;
        Assert.Equal("emails/send", search["results"]![0]!["id"]!.GetValue<string>());
        Assert.Contains("SendEmailRequest", server.Requests[2].Messages.Last(m => m.Role == "tool").Text!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agent_doc_in_the_skill_folder_is_found_and_a_replayed_run_uses_it()
    {
        var skill = Cli.WriteFile("welcome-email/SKILL.md", WelcomeEmail);
        var generated = await Cli.RunAsync("agent-doc", "from-openapi", Resend, "-o", Path.Combine(Path.GetDirectoryName(skill)!, "agent-doc.yaml"));
        Assert.True(generated.ExitCode == 0, generated.ToString());
        Cli.WriteFile("replay.json", $$$"""{"version": 1, "exchanges": [{"response": {"text": {{{JsonSerializer.Serialize(Body)}}}}}]}""");

        var result = await Cli.RunAsync("run", Path.GetDirectoryName(skill)!, "--input", "email=ada@example.com", "--replay", "replay.json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Welcome to Acme", JsonNode.Parse(result.Output)!["body"]!["subject"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_declared_doc_not_found_in_range_fails_before_the_model_is_called_saying_where_it_looked()
    {
        var skill = Cli.WriteFile("welcome-email/SKILL.md", WelcomeEmail);
        Cli.WriteFile("docs/resend.agent-doc.yaml", Doc("resend", "1.4.0", "emails/send"));
        Cli.WriteFile("docs/other/agent-doc.yaml", Doc("stripe", "2024-06-01", "charges/create"));
        var server = await _session.StartServerAsync();

        var result = await Cli.RunAsync("run", Path.GetDirectoryName(skill)!, "--input", "email=ada@example.com", "--agent-doc", "docs");

        Assert.Equal(4, result.ExitCode);
        Assert.Empty(server.Requests);
        var lines = Lines(result.Error);
        Assert.Equal(2, lines.Length);
        Assert.Equal(
            $"skillrt: welcome-email cannot run: it declares an agent-doc not found in a version its range accepts; looked in --agent-doc docs and the skill's folder {Path.GetDirectoryName(skill)}. Pass the agent-doc with --agent-doc <file|folder> (write one from OpenAPI with 'skillrt agent-doc from-openapi'), or put it in the skill's folder as agent-doc.yaml or <name>.agent-doc.yaml.",
            lines[1]);
        Assert.Equal($"  - agent-doc resend@^1.5 (found: 1.4.0 ({Path.Combine(Cli.WorkingDirectory, "docs", "resend.agent-doc.yaml")}))", lines[0]);

        var missing = await Cli.RunAsync("run", Path.GetDirectoryName(skill)!, "--input", "email=ada@example.com", "--agent-doc", "nowhere");
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("skillrt: --agent-doc 'nowhere' does not exist; pass an agent-doc.yaml file", missing.Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_declared_operation_the_resolved_version_lacks_fails_before_the_model_is_called()
    {
        var skill = Cli.WriteFile("welcome-email/SKILL.md", WelcomeEmail);
        Cli.WriteFile("docs/resend.agent-doc.yaml", Doc("resend", "1.5.0", "emails/sends", "emails/get"));
        Cli.WriteFile("docs/broken.agent-doc.yaml", "agentDoc: \"0.1\"\nidentity: [\n");
        var server = await _session.StartServerAsync();

        var result = await Cli.RunAsync("run", Path.GetDirectoryName(skill)!, "--input", "email=ada@example.com", "--agent-doc", "docs");

        Assert.Equal(4, result.ExitCode);
        Assert.Empty(server.Requests);
        Assert.Contains($"skillrt: warning: {Path.Combine(Cli.WorkingDirectory, "docs", "broken.agent-doc.yaml")}: not used as an agent-doc, it has errors", result.Error, StringComparison.Ordinal);
        Assert.Contains("skillrt: welcome-email cannot run: 1 dependency is missing; pass the agent-docs it declares with --agent-doc <file|folder>, in a version that has the operations it lists.", result.Error, StringComparison.Ordinal);
        Assert.Contains("resend 1.5.0 has no operation 'emails/send' (closest: emails/sends", result.Error, StringComparison.Ordinal);
    }

    private static string Doc(string name, string version, params string[] operationIds) =>
        $"agentDoc: \"0.1\"\nidentity:\n  name: {name}\n  version: \"{version}\"\n  title: {name}\nsummary: A test API.\noperations:\n"
        + string.Concat(operationIds.Select(id => $"  - id: {id}\n    title: Do {id}\n    purpose: Does {id}.\n"));

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
