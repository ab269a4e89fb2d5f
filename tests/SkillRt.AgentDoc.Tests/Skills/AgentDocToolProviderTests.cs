using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using SkillRt.Runtime.Tests.Integration;
using Xunit;

namespace SkillRt.AgentDoc.Tests.Skills;

/// <summary>
/// Skills that declare <c>dependencies.agent-docs</c>, run on SkillRt's runner with <c>AddAgentDocs</c>: the
/// declared docs resolve to the highest version in range, the model gets the doc tools limited to them, a
/// missing doc fails the run before the model is called. The model's turns are scripted through the
/// loopback OpenAI-protocol server.
/// </summary>
public sealed class AgentDocToolProviderTests(GeneratedDocuments generated) : IClassFixture<GeneratedDocuments>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] DocTools = [AgentDocTools.ResolveLibrary, AgentDocTools.SearchOperations, AgentDocTools.GetOperation, AgentDocTools.GetWorkflow, AgentDocTools.GetSchema];

    private static AgentDocument Mailer(string version) => AgentDocReader.Parse(SampleDocs.Valid).Document! with { Identity = AgentDocReader.Parse(SampleDocs.Valid).Document!.Identity with { Version = version } };

    private AgentDocCatalog Catalog() => new([generated.Resend.Document!, Mailer("2.1.0"), Mailer("2.9.1"), Mailer("2.10.0"), Mailer("3.0.0")]);

    private static SkillDefinition Skill(string agentDocs) => SkillDefinition.Parse($"""
        ---
        name: mail-writer
        description: Writes an email request.
        dependencies:
        {agentDocs}
        outputs:
          type: text
        ---
        Write the request.
        """);

    private static async Task<ServiceProvider> RunnerAsync(OpenAIChatServer server, IAgentDocCatalog catalog)
    {
        var services = new ServiceCollection().AddSingleton(server.CreateChatClient());
        services.AddSkillRt().AddAgentDocs(catalog);
        await Task.CompletedTask;
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static string[] Offered(RecordedRequest request) =>
        request.Body.TryGetProperty("tools", out var tools) ? [.. tools.EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()!)] : [];

    [Fact]
    public async Task The_model_gets_the_doc_tools_over_exactly_the_declared_versions_and_another_library_is_a_tool_error()
    {
        await using var server = await OpenAIChatServer.StartAsync(Ct);
        server.EnqueueToolCall(AgentDocTools.ResolveLibrary, """{"library":"mailer"}""", id: "call_1")
            .EnqueueToolCall(AgentDocTools.SearchOperations, """{"library":"resend","query":"send an email"}""", id: "call_2")
            .EnqueueToolCall(AgentDocTools.GetOperation, """{"library":"openai","operationId":"createChatCompletion"}""", id: "call_3")
            .EnqueueToolCall(AgentDocTools.GetOperation, """{"library":"mailer","version":"2.10.0","operationId":"send-email"}""", id: "call_4")
            .EnqueueCompletion("done");
        var catalog = new AgentDocCatalog([generated.Resend.Document!, generated.OpenAI.Document!, Mailer("2.1.0"), Mailer("2.9.1"), Mailer("2.10.0"), Mailer("3.0.0")]);
        await using var provider = await RunnerAsync(server, catalog);

        var result = await provider.GetRequiredService<ISkillRunner>().RunAsync(
            Skill("  agent-docs: [mailer@~2.9, {doc: resend@^1.5, operations: [emails/send]}]"), JsonDocument.Parse("{}").RootElement, cancellationToken: Ct);

        Assert.Equal("done", result.Output.GetString());
        Assert.Equal(4, result.Report.ToolCalls);
        Assert.Equal(DocTools, Offered(server.Requests[0]));

        // ~2.9 takes 2.9.1, the highest in range, not 2.10.0 or 3.0.0; the model sees only that version.
        var resolved = JsonDocument.Parse(server.Requests[1].Messages.Last(m => m.Role == "tool").Text!).RootElement;
        var versions = resolved.GetProperty("libraries").EnumerateArray().Single().GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString());
        Assert.Equal(["2.9.1"], versions);

        var search = JsonDocument.Parse(server.Requests[2].Messages.Last(m => m.Role == "tool").Text!).RootElement;
        Assert.Equal("1.5.0", search.GetProperty("version").GetString());
        Assert.Equal("emails/send", search.GetProperty("results")[0].GetProperty("id").GetString());

        // The catalog serves openai, and mailer 2.10.0, but this skill did not declare them.
        var otherLibrary = server.Requests[3].Messages.Last(m => m.Role == "tool").Text!;
        Assert.StartsWith("Error: ", otherLibrary, StringComparison.Ordinal);
        Assert.Contains("openai", otherLibrary, StringComparison.Ordinal);
        Assert.Contains("mailer, resend", otherLibrary, StringComparison.Ordinal);
        var otherVersion = server.Requests[4].Messages.Last(m => m.Role == "tool").Text!;
        Assert.StartsWith("Error: ", otherVersion, StringComparison.Ordinal);
        Assert.Contains("2.9.1", otherVersion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declared_doc_the_catalog_lacks_fails_the_run_before_the_model_is_called_naming_the_doc_range_and_versions()
    {
        await using var server = await OpenAIChatServer.StartAsync(Ct);
        server.EnqueueCompletion("never sent");
        await using var provider = await RunnerAsync(server, Catalog());

        var exception = await Assert.ThrowsAsync<SkillDependencyException>(() => provider.GetRequiredService<ISkillRunner>().RunAsync(
            Skill("  agent-docs: [mailer@^4.0, resnd@^1, resend@^1.5]"), JsonDocument.Parse("{}").RootElement, cancellationToken: Ct));

        Assert.Empty(server.Requests);
        Assert.Equal(["mailer@^4.0", "resnd@^1"], exception.Problems.Select(p => p.Name));
        Assert.All(exception.Problems, p => Assert.Equal(SkillDependencyKind.AgentDoc, p.Kind));
        Assert.Contains("agent-doc 'mailer@^4.0': no version of it satisfies '^4.0'; the catalog has 3.0.0, 2.10.0, 2.9.1, 2.1.0", exception.Message, StringComparison.Ordinal);
        Assert.Contains("agent-doc 'resnd@^1': the agent-doc catalog has no agent-doc named 'resnd'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("(closest: resend", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declared_operation_the_resolved_version_lacks_fails_the_run_naming_it_and_the_closest()
    {
        await using var server = await OpenAIChatServer.StartAsync(Ct);
        server.EnqueueCompletion("never sent");
        await using var provider = await RunnerAsync(server, Catalog());

        var exception = await Assert.ThrowsAsync<SkillDependencyException>(() => provider.GetRequiredService<ISkillRunner>().RunAsync(
            Skill("  agent-docs: [{doc: resend@^1.5, operations: [emails/send, emails/sendd]}]"), JsonDocument.Parse("{}").RootElement, cancellationToken: Ct));

        Assert.Empty(server.Requests);
        Assert.Contains("agent-doc 'resend@^1.5': resend 1.5.0 has no operation 'emails/sendd' (closest: emails/send", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_skill_without_agent_docs_is_offered_no_doc_tools()
    {
        await using var server = await OpenAIChatServer.StartAsync(Ct);
        server.EnqueueCompletion("plain");
        await using var provider = await RunnerAsync(server, Catalog());

        var result = await provider.GetRequiredService<ISkillRunner>().RunAsync(Skill("  tools: []"), JsonDocument.Parse("{}").RootElement, cancellationToken: Ct);

        Assert.Equal("plain", result.Output.GetString());
        Assert.Empty(Offered(Assert.Single(server.Requests)));
    }

    [Theory]
    [InlineData("v2", "2.0.0")]
    [InlineData("1.5", "1.5.0")]
    [InlineData("1.5.0-beta.1", "1.5.0-beta.1")]
    [InlineData("2024-06-01", null)]
    [InlineData("latest", null)]
    public void Versions_are_read_leniently_as_SemVer(string version, string? expected) =>
        Assert.Equal(expected, AgentDocVersionMatch.Parse(version)?.ToString());

    [Fact]
    public void A_version_that_is_not_SemVer_satisfies_only_any()
    {
        AgentDocLibraryVersion[] versions = [new("2024-06-01", "sha256:a", 1, 0), new("2023-01-01", "sha256:b", 1, 0)];

        Assert.Equal("2024-06-01", AgentDocVersionMatch.Highest(versions, SkillVersionRange.Any)?.Version);
        Assert.Null(AgentDocVersionMatch.Highest(versions, SkillVersionRange.Parse("^1.0")));
    }
}
