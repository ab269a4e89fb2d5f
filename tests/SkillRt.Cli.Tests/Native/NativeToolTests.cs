using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Cli.Tests.Install;
using SkillRt.Runtime.Tests.Integration;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests.Native;

/// <summary>
/// The installed Native AOT tool: the commands it runs itself, and the two it hands to its
/// framework-dependent host (<c>run</c>, installs from a feed), end to end.
/// </summary>
public sealed class NativeToolTests : IClassFixture<NativeTool>, IClassFixture<SkillLibraryFeed>, IDisposable
{
    private readonly NativeTool _tool;
    private readonly SkillLibraryFeed _feed;
    private readonly SkillCli _cli;

    public NativeToolTests(NativeTool tool, SkillLibraryFeed feed)
    {
        _tool = tool;
        _feed = feed;
        _cli = new SkillCli(tool.Executable);
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task The_installed_command_is_a_native_executable_with_its_host_beside_it()
    {
        SkipUnlessBuilt();
        var target = new FileInfo(_tool.Executable).ResolveLinkTarget(returnFinalTarget: true)!.FullName;
        var header = new byte[4];
        await using (var file = File.OpenRead(target))
        {
            await file.ReadExactlyAsync(header, TestContext.Current.CancellationToken);
        }

        Assert.Equal("\u007fELF"u8.ToArray(), header);
        Assert.False(File.Exists(Path.ChangeExtension(target, ".dll")), "a native tool has no managed skillrt.dll beside it");
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(target)!, "host", "skillrt.dll")));
    }

    [Fact]
    public async Task Validate_list_info_and_uninstall_run_natively()
    {
        SkipUnlessBuilt();
        var invalid = await _cli.RunAsync("validate", Path.Combine(TestPaths.Fixtures, "Invalid", "skill0107-invalid-version", "SKILL.md"));
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("error SKILL0107", invalid.Output, StringComparison.Ordinal);

        var install = await _cli.RunAsync("install", Path.Combine(TestPaths.Examples, "pr-review"));
        Assert.True(install.ExitCode == 0, install.ToString());
        Directory.CreateDirectory(_cli.StoreEntry("broken", "1.0.0"));

        var list = await _cli.RunAsync("list", "--format", "json");
        Assert.Equal(0, list.ExitCode);
        using (var json = JsonDocument.Parse(list.Output))
        {
            var skills = json.RootElement.GetProperty("skills");
            Assert.Equal(2, skills.GetArrayLength());
            Assert.True(skills[0].GetProperty("damaged").GetBoolean());
            Assert.Equal("pr-review", skills[1].GetProperty("name").GetString());
        }

        var info = await _cli.RunAsync("info", "pr-review", "--format", "json");
        Assert.True(info.ExitCode == 0, info.ToString());
        using (var json = JsonDocument.Parse(info.Output))
        {
            Assert.Equal("pr-review", json.RootElement.GetProperty("name").GetString());
        }

        Assert.Equal(0, (await _cli.RunAsync("uninstall", "pr-review")).ExitCode);
        Assert.Equal(3, (await _cli.RunAsync("where", "pr-review")).ExitCode);
    }

    [Fact]
    public async Task Export_and_import_run_natively()
    {
        SkipUnlessBuilt();
        var export = await _cli.RunAsync("export", "--agent-skills", Path.Combine(TestPaths.Examples, "pr-review"), "out");
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.True(File.Exists(Path.Combine(_cli.WorkingDirectory, "out", "pr-review", "skillrt.yaml")));

        var import = await _cli.RunAsync("import", Path.Combine("out", "pr-review"), "back");
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Equal(0, (await _cli.RunAsync("validate", Path.Combine("back", "pr-review"))).ExitCode);
    }

    [Fact]
    public async Task Run_is_handed_to_the_host_with_stdio_and_exit_codes_intact()
    {
        SkipUnlessBuilt();
        const string Review = """{"summary":"Adds a retry loop.","verdict":"comment","findings":[{"file":"src/Client.cs","line":12,"severity":"minor","message":"The delay never grows."}]}""";
        await using var server = await OpenAIChatServer.StartAsync(TestContext.Current.CancellationToken);
        server.EnqueueCompletion(Review);
        _cli.Environment["OPENAI_BASE_URL"] = server.BaseAddress.ToString();
        _cli.Environment["OPENAI_API_KEY"] = OpenAIChatServer.ApiKey;

        var unconfigured = await _cli.RunAsync("run", Path.Combine(TestPaths.Examples, "pr-review"), "--inputs", """{"pr_url":"https://github.com/o/r/pull/1"}""");
        Assert.Equal(5, unconfigured.ExitCode);
        Assert.Contains("SKILLRT_MODEL", unconfigured.Error, StringComparison.Ordinal);

        var result = await _cli.RunWithInputAsync(
            """{"pr_url":"https://github.com/o/r/pull/1"}""",
            "run", Path.Combine(TestPaths.Examples, "pr-review"), "--model", "gpt-test", "--inputs", "@/dev/stdin");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var output = JsonDocument.Parse(result.Output);
        Assert.Equal("comment", output.RootElement.GetProperty("verdict").GetString());
        Assert.StartsWith("ran pr-review@", result.Error, StringComparison.Ordinal);
        Assert.Equal("gpt-test", Assert.Single(server.Requests).Model);
    }

    [Fact]
    public async Task Install_from_a_feed_is_handed_to_the_host()
    {
        SkipUnlessBuilt();
        _feed.WriteNuGetConfig(_cli.WorkingDirectory);

        var result = await _cli.RunAsync("install", "release-notes@^0.2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(_cli.StoreEntry("release-notes", "0.2.0"), "SKILL.md")));
        Assert.Equal(3, (await _cli.RunAsync("install", "release-notes@^9")).ExitCode);
    }

    private void SkipUnlessBuilt()
    {
        if (_tool.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }
    }
}
