using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using SkillRt.Runtime.Tests.Integration;
using Xunit;

namespace SkillRt.Memory.Tests.Skills;

/// <summary>
/// Skills that declare <c>memory</c>, run on SkillRt's runner with <c>AddMemoryTools</c> over a real SQLite store:
/// the model gets memory tools limited to the declared grants, writes carry the skill as provenance, and an
/// access outside the grants is refused as a tool error and leaves the store untouched. The model's turns are
/// scripted through the loopback OpenAI-protocol server.
/// </summary>
public sealed class MemoryToolProviderTests : IAsyncLifetime
{
    private const string Notes = """
        ---
        name: rtt-notes
        version: 1.2.0
        description: Records what it learns about the RTT API.
        memory:
          kinds:
            rtt-note:
              schema: { type: object, properties: { summary: { type: string, maxLength: 40 } }, required: [summary] }
          read: [acme/payments, { namespace: acme/shared/*, kinds: [rtt-note] }]
          write: [{ namespace: acme/payments, kinds: [rtt-note] }]
        outputs:
          type: text
        ---
        Record what you learn.
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("skillrt-memory-tools-").FullName;
    private OpenAIChatServer _server = null!;
    private ServiceProvider _services = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ISkillMemory Memory => _services.GetRequiredService<ISkillMemory>();

    public async ValueTask InitializeAsync()
    {
        _server = await OpenAIChatServer.StartAsync(Ct);
        var services = new ServiceCollection().AddSingleton(_server.CreateChatClient());
        services.AddSkillMemory(o => o.DatabasePath = Path.Combine(_folder, "memory.db"));
        services.AddSkillRt().AddMemoryTools();
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<SkillRunResult<JsonElement>> RunAsync(string skill) =>
        await _services.GetRequiredService<ISkillRunner>().RunAsync(SkillDefinition.Parse(skill), JsonDocument.Parse("{}").RootElement, cancellationToken: Ct);

    private static string[] Offered(RecordedRequest request) =>
        request.Body.TryGetProperty("tools", out var tools) ? [.. tools.EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()!)] : [];

    private string ToolAnswer(int request) => _server.Requests[request].Messages.Last(m => m.Role == "tool").Text!;

    [Fact]
    public async Task The_model_writes_and_finds_memories_within_the_grants_and_writes_carry_the_skill()
    {
        _server.EnqueueToolCall("memory_upsert", """{"namespace":"acme/payments","kind":"rtt-note","key":"timeouts","value":{"summary":"RTT times out after 30 s"},"tags":["rtt"]}""", id: "call_1")
            .EnqueueToolCall("memory_find", """{"namespace":"acme/payments","tags":["rtt"]}""", id: "call_2")
            .EnqueueCompletion("noted");

        var result = await RunAsync(Notes);

        Assert.Equal("noted", result.Output.GetString());
        Assert.Equal(["memory_find", "memory_get", "memory_history", "memory_upsert", "memory_forget"], Offered(_server.Requests[0]));
        using var upserted = JsonDocument.Parse(ToolAnswer(1));
        Assert.Equal("Created", upserted.RootElement.GetProperty("outcome").GetString());
        using var found = JsonDocument.Parse(ToolAnswer(2));
        var hit = Assert.Single(found.RootElement.GetProperty("memories").EnumerateArray());
        Assert.Equal("RTT times out after 30 s", hit.GetProperty("value").GetProperty("summary").GetString());

        var page = await Memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], Key = "timeouts" }, Ct);
        var stored = Assert.Single(page.Hits).Memory;
        Assert.Equal(("rtt-notes", "1.2.0"), (stored.Provenance.SkillName, stored.Provenance.SkillVersion));
    }

    [Fact]
    public async Task Access_outside_the_grants_is_refused_as_a_tool_error_and_nothing_is_written()
    {
        _server.EnqueueToolCall("memory_upsert", """{"namespace":"acme/hr","kind":"rtt-note","value":{"summary":"x"}}""", id: "call_1")
            .EnqueueToolCall("memory_find", """{"namespace":"acme/shared/eu","kind":"salary"}""", id: "call_2")
            .EnqueueToolCall("memory_find", """{"namespace":"acme"}""", id: "call_3")
            .EnqueueCompletion("gave up");

        var result = await RunAsync(Notes);

        Assert.Equal("gave up", result.Output.GetString());
        Assert.Contains("refused: the skill rtt-notes may not write 'rtt-note' memories in 'acme/hr'; its memory.write allows acme/payments (rtt-note)", ToolAnswer(1), StringComparison.Ordinal);
        Assert.Contains("refused: the skill rtt-notes may not read 'salary' memories in 'acme/shared/eu'; its memory.read allows acme/payments; acme/shared/* (rtt-note)", ToolAnswer(2), StringComparison.Ordinal);
        Assert.Contains("may not read memories in 'acme'", ToolAnswer(3), StringComparison.Ordinal);
        var everything = await Memory.FindAsync(new MemoryQuery { Namespaces = ["acme/*"] }, Ct);
        Assert.Empty(everything.Hits);
    }

    [Fact]
    public async Task A_value_that_breaks_the_kinds_schema_comes_back_to_the_model_with_where_it_fails()
    {
        _server.EnqueueToolCall("memory_upsert", """{"namespace":"acme/payments","kind":"rtt-note","value":{"note":"no summary"}}""", id: "call_1")
            .EnqueueCompletion("fixed nothing");

        await RunAsync(Notes);

        var answer = ToolAnswer(1);
        Assert.Contains("summary", answer, StringComparison.Ordinal);
        Assert.Contains("MEM", answer, StringComparison.Ordinal);
        Assert.Empty((await Memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"] }, Ct)).Hits);
    }

    [Fact]
    public async Task A_memory_of_a_kind_the_skill_may_not_read_is_as_absent_as_a_missing_one()
    {
        _services.GetRequiredService<IMemoryKindRegistry>().Register(new MemoryKind("salary", """{"type":"object"}"""));
        var secret = await Memory.UpsertAsync(new MemoryWrite { Namespace = "acme/shared/hr", Kind = "salary", Value = JsonDocument.Parse("""{"ada":1}""").RootElement }, Ct);
        _server.EnqueueToolCall("memory_get", $$"""{"namespace":"acme/shared/hr","id":"{{secret.Memory!.Id}}"}""", id: "call_1")
            .EnqueueToolCall("memory_find", """{"namespace":"acme/shared/*"}""", id: "call_2")
            .EnqueueCompletion("nothing");

        await RunAsync(Notes);

        Assert.Contains($"no memory '{secret.Memory.Id}' in 'acme/shared/hr'", ToolAnswer(1), StringComparison.Ordinal);
        using var found = JsonDocument.Parse(ToolAnswer(2));
        Assert.Empty(found.RootElement.GetProperty("memories").EnumerateArray());
    }

    [Fact]
    public async Task A_skill_without_memory_gets_no_memory_tools_and_a_write_only_skill_gets_only_writes()
    {
        _server.EnqueueCompletion("plain").EnqueueCompletion("writer");

        await RunAsync("---\nname: plain\ndescription: Has no memory.\noutputs:\n  type: text\n---\nAnswer.\n");
        await RunAsync("---\nname: writer\ndescription: Only writes.\nversion: 1.0.0\nmemory:\n  write: [acme/log]\noutputs:\n  type: text\n---\nAnswer.\n");

        Assert.Empty(Offered(_server.Requests[0]));
        Assert.Equal(["memory_upsert", "memory_forget"], Offered(_server.Requests[1]));
    }
}
