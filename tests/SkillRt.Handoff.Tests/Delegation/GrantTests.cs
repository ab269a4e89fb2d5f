using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SkillRt.Runtime.Tests.Integration;
using Xunit;

namespace SkillRt.Handoff.Tests.Delegation;

/// <summary>
/// The child uses only what its envelope granted: the granted permissions become its skill's, so
/// SkillRt's built-in tools enforce them, and a tool the envelope does not name is refused when the
/// child asks for it.
/// </summary>
public sealed class GrantTests : IAsyncLifetime
{
    private const string Summary = """{"title":"From the notes","words":3}""";
    private readonly string _folder = Directory.CreateTempSubdirectory("skillrt-handoff-grants-").FullName;
    private OpenAIChatServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await OpenAIChatServer.StartAsync(TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_folder, "notes.txt"), "The secret word is kumquat.", TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private HandoffDelegator CreateDelegator() => new(
        model => model == "cheap" ? _server.CreateChatClient("cheap-model") : null,
        new HandoffDelegatorOptions { ConfigureRunner = runner => runner.WorkingDirectory = _folder });

    private static readonly HandoffGrants ParentHolds = new()
    {
        Tools = ["read_file", "write_file"],
        Permissions = new HandoffPermissions { Filesystem = ["**"] },
    };

    private static HandoffTask<ArticleInput> Task(HandoffGrants grants) => new()
    {
        Goal = "Read notes.txt and title it.",
        Input = new ArticleInput("see notes.txt"),
        Budget = new HandoffBudget { Turns = 4 },
        Grants = grants,
    };

    [Fact]
    public async Task A_granted_tool_runs_within_the_granted_permissions()
    {
        _server.Enqueue(ScriptedReply.StreamToolCalls(new ScriptedToolCall("call_1", "read_file", """{"path":"notes.txt"}""")), ScriptedReply.Stream(Summary));
        await using var delegator = CreateDelegator();

        var result = await delegator.DelegateAsync(Task(new HandoffGrants { Tools = ["read_file"], Permissions = new HandoffPermissions { Filesystem = ["notes.txt"] } }),
            TestJson.Default.ArticleInput, TestJson.Default.SummaryOutput, new DelegateOptions { Model = "cheap", ParentGrants = ParentHolds }, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Result.Error?.Message);
        Assert.Equal(2, result.Result.Usage.Turns);
        var toolResult = _server.Requests[1].Messages.Single(m => m.Role == "tool");
        Assert.Contains("kumquat", toolResult.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_the_envelope_did_not_grant_is_refused_when_the_child_asks_for_it()
    {
        // The filesystem permission makes SkillRt offer read_file, but the envelope grants no tool by name.
        _server.Enqueue(ScriptedReply.StreamToolCalls(new ScriptedToolCall("call_1", "read_file", """{"path":"notes.txt"}""")), ScriptedReply.Stream(Summary));
        await using var delegator = CreateDelegator();

        var result = await delegator.DelegateAsync(Task(new HandoffGrants { Permissions = new HandoffPermissions { Filesystem = ["notes.txt"] } }),
            TestJson.Default.ArticleInput, TestJson.Default.SummaryOutput, new DelegateOptions { Model = "cheap", ParentGrants = ParentHolds }, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Result.Error?.Message);
        var toolResult = _server.Requests[1].Messages.Single(m => m.Role == "tool");
        Assert.StartsWith("Refused:", toolResult.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("kumquat", toolResult.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_outside_the_granted_permissions_is_refused_by_the_runner()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "private.txt"), "Not for the child.", TestContext.Current.CancellationToken);
        _server.Enqueue(ScriptedReply.StreamToolCalls(new ScriptedToolCall("call_1", "read_file", """{"path":"private.txt"}""")), ScriptedReply.Stream(Summary));
        await using var delegator = CreateDelegator();

        var result = await delegator.DelegateAsync(Task(new HandoffGrants { Tools = ["read_file"], Permissions = new HandoffPermissions { Filesystem = ["notes.txt"] } }),
            TestJson.Default.ArticleInput, TestJson.Default.SummaryOutput, new DelegateOptions { Model = "cheap", ParentGrants = ParentHolds }, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Result.Error?.Message);
        var toolResult = _server.Requests[1].Messages.Single(m => m.Role == "tool");
        Assert.DoesNotContain("Not for the child", toolResult.Text, StringComparison.Ordinal);
    }
}
