using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Cli.Tests.Memory;

/// <summary>
/// <c>skillrt memory</c> on a local store, as a real process: kinds come from installed skills (or
/// <c>--kinds-from</c>), keyed writes supersede and keep history, bad values and names are refused with what to fix.
/// </summary>
public sealed class MemoryCommandTests : IDisposable
{
    private const string Notes = """
        ---
        name: rtt-notes
        version: 1.0.0
        description: Records what it learns about the RTT API.
        memory:
          kinds:
            rtt-note:
              schema: { type: object, properties: { summary: { type: string } }, required: [summary] }
        ---
        Record what you learn.
        """;

    private readonly SkillCli _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task A_kind_of_an_installed_skill_is_written_superseded_by_key_found_and_kept_in_history()
    {
        _cli.WriteFile("rtt-notes/SKILL.md", Notes);
        Assert.Equal(0, (await _cli.RunAsync("install", "rtt-notes")).ExitCode);

        var first = await _cli.RunAsync("memory", "put", "acme/payments", "rtt-note", "--value", """{"summary":"RTT times out"}""", "--key", "timeouts", "--tag", "rtt", "--json");
        var second = await _cli.RunAsync("memory", "put", "acme/payments", "rtt-note", "--value", """{"summary":"RTT times out after 30 s"}""", "--key", "timeouts");
        var found = await _cli.RunAsync("memory", "find", "acme/payments", "--key", "timeouts", "--json");

        Assert.True(first.ExitCode == 0, first.ToString());
        using var created = JsonDocument.Parse(first.Output);
        Assert.Equal("Created", created.RootElement.GetProperty("outcome").GetString());
        var id = created.RootElement.GetProperty("memory").GetProperty("id").GetString()!;
        Assert.Equal("skillrt-cli", created.RootElement.GetProperty("memory").GetProperty("provenance").GetProperty("client").GetString());
        Assert.Equal($"Superseded: {id} (version 2)\n", second.Output);
        using var page = JsonDocument.Parse(found.Output);
        var hit = Assert.Single(page.RootElement.GetProperty("memories").EnumerateArray());
        Assert.Equal("RTT times out after 30 s", hit.GetProperty("value").GetProperty("summary").GetString());
        Assert.True(File.Exists(Path.Combine(_cli.Home, "memory.db")));

        var history = await _cli.RunAsync("memory", "history", "acme/payments", id, "--json");
        using var revisions = JsonDocument.Parse(history.Output);
        Assert.Equal([2L, 1L], revisions.RootElement.GetProperty("revisions").EnumerateArray().Select(r => r.GetProperty("version").GetInt64()));
        Assert.NotEqual(JsonValueKind.Null, revisions.RootElement.GetProperty("revisions")[1].GetProperty("validTo").ValueKind);

        var forgotten = await _cli.RunAsync("memory", "forget", "acme/payments", id);
        var gone = await _cli.RunAsync("memory", "get", "acme/payments", id);
        Assert.Equal($"Forgot {id} in acme/payments, with its history.\n", forgotten.Output);
        Assert.Equal(3, gone.ExitCode);
        Assert.Contains($"no memory '{id}' in 'acme/payments'", gone.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_that_breaks_the_kinds_schema_an_unknown_kind_and_a_bad_namespace_are_refused()
    {
        var skills = _cli.WriteFile("kinds/rtt-notes/SKILL.md", Notes);
        var kinds = Path.GetDirectoryName(Path.GetDirectoryName(skills))!;

        var badValue = await _cli.RunAsync("memory", "put", "acme/payments", "rtt-note", "--value", """{"note":1}""", "--kinds-from", kinds);
        var notJson = await _cli.RunAsync("memory", "put", "acme/payments", "rtt-note", "--value", "{summary", "--kinds-from", kinds);
        var unknownKind = await _cli.RunAsync("memory", "put", "acme/payments", "salary", "--value", "{}");
        var badNamespace = await _cli.RunAsync("memory", "find", "Acme/Payments");
        var badAge = await _cli.RunAsync("memory", "decay", "--older-than", "soon");

        Assert.Equal(2, badValue.ExitCode);
        Assert.Contains("MEM0003", badValue.Error, StringComparison.Ordinal);
        Assert.Contains("summary", badValue.Error, StringComparison.Ordinal);
        Assert.Equal(2, notJson.ExitCode);
        Assert.Contains("--value is not JSON", notJson.Error, StringComparison.Ordinal);
        Assert.Equal(2, unknownKind.ExitCode);
        Assert.Contains("MEM0002", unknownKind.Error, StringComparison.Ordinal);
        Assert.Contains("--kinds-from", unknownKind.Error, StringComparison.Ordinal);
        Assert.Equal(2, badNamespace.ExitCode);
        Assert.Contains("MEM0001", badNamespace.Error, StringComparison.Ordinal);
        Assert.Equal(2, badAge.ExitCode);
        Assert.All(new[] { badValue, notJson, unknownKind, badNamespace, badAge }, r => Assert.DoesNotContain("   at ", r.Error, StringComparison.Ordinal));
        var empty = await _cli.RunAsync("memory", "find", "acme/payments", "--json");
        Assert.Equal(0, JsonDocument.Parse(empty.Output).RootElement.GetProperty("memories").GetArrayLength());
    }

    [Fact]
    public async Task Decay_leaves_a_memory_used_today_and_restore_of_a_live_memory_changes_nothing()
    {
        var skills = _cli.WriteFile("kinds/rtt-notes/SKILL.md", Notes);
        var kinds = Path.GetDirectoryName(Path.GetDirectoryName(skills))!;
        var put = await _cli.RunAsync("memory", "put", "acme/payments", "rtt-note", "--value", """{"summary":"old"}""", "--kinds-from", kinds, "--json");
        var id = JsonDocument.Parse(put.Output).RootElement.GetProperty("memory").GetProperty("id").GetString()!;

        // Written a moment ago, so nothing has been unused for a day.
        var none = await _cli.RunAsync("memory", "decay", "--older-than", "1d", "--dry-run", "--json");
        Assert.Equal(0, JsonDocument.Parse(none.Output).RootElement.GetProperty("count").GetInt32());

        var restoreLive = await _cli.RunAsync("memory", "restore", "acme/payments", id, "--json");
        Assert.True(restoreLive.ExitCode == 0, restoreLive.ToString());
        Assert.Equal("live", JsonDocument.Parse(restoreLive.Output).RootElement.GetProperty("state").GetString());
    }
}
