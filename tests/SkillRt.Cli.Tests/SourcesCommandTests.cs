using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// <c>skillrt sources</c> and the configuration files behind it: errors that name the file and line,
/// no hidden default, and writes that neither tear nor lose each other's changes.
/// </summary>
public sealed class SourcesCommandTests : IDisposable
{
    private readonly SkillCli _cli = new();

    public void Dispose() => _cli.Dispose();

    private string SourcesPath => Path.Combine(_cli.ConfigHome, "sources.json");

    [Fact]
    public async Task With_no_source_configured_a_registry_command_says_to_log_in_or_pass_a_source()
    {
        var result = await _cli.RunAsync("search", "review");

        Assert.Equal(5, result.ExitCode);
        Assert.Equal(
            "skillrt: no registry source is configured; run 'skillrt login <url>' to add a server with your key (or 'skillrt sources add <name> <url>' to add one without), or pass --source <url>.\n",
            result.Error);
    }

    [Fact]
    public async Task Add_list_default_and_remove()
    {
        Assert.Equal(0, (await _cli.RunAsync("sources", "add", "first", "http://127.0.0.1:5480")).ExitCode);
        var second = await _cli.RunAsync("sources", "add", "second", "https://skills.example.com/v3/index.json");
        Assert.True(second.ExitCode == 0, second.ToString());

        var list = await _cli.RunAsync("sources");
        Assert.Equal(
            """
            NAME    DEFAULT  KEY  URL
            first   yes      no   http://127.0.0.1:5480/v3/index.json
            second           no   https://skills.example.com/v3/index.json

            """,
            list.Output);

        Assert.Equal(0, (await _cli.RunAsync("sources", "default", "second")).ExitCode);
        var removed = await _cli.RunAsync("sources", "remove", "second");
        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.Contains("It was the default source; choose another with 'skillrt sources default <name>'.", removed.Output);

        // Removing the default never makes another source the default behind the user's back.
        var keys = await _cli.RunAsync("keys", "list");
        Assert.Equal(5, keys.ExitCode);
        Assert.Equal($"skillrt: no default source is set in '{SourcesPath}' (it lists first); choose one with 'skillrt sources default <name>', or pass --source <name>.\n", keys.Error);
    }

    [Fact]
    public async Task A_default_that_names_no_source_is_reported_with_the_file()
    {
        Directory.CreateDirectory(_cli.ConfigHome);
        File.WriteAllText(SourcesPath, """
            {
              "defaultSource": "gone",
              "sources": [ { "name": "here", "url": "http://127.0.0.1:5480/v3/index.json" } ]
            }
            """);

        var result = await _cli.RunAsync("search", "review");

        Assert.Equal(5, result.ExitCode);
        Assert.Equal($"skillrt: '{SourcesPath}' names 'gone' as the default source, but has no source of that name (it lists here); choose one with 'skillrt sources default <name>', or pass --source <name>.\n", result.Error);
    }

    [Fact]
    public async Task A_corrupt_sources_file_is_reported_with_its_path_and_line()
    {
        Directory.CreateDirectory(_cli.ConfigHome);
        File.WriteAllText(SourcesPath, "{\n  \"sources\": [\n    { \"name\": \"a\", \"url\": \"http://127.0.0.1:5480\" }\n    { \"name\": \"b\" }\n  ]\n}\n");

        foreach (var args in new[] { new[] { "sources", "list" }, ["search", "x"], ["install", "some-skill@^1.0"] })
        {
            var result = await _cli.RunAsync(args);

            Assert.Equal(5, result.ExitCode);
            var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"skillrt: '{SourcesPath}' line 4, column 5 is not valid JSON: ", line);
        }
    }

    [Fact]
    public async Task A_source_without_a_url_is_named_by_its_position()
    {
        Directory.CreateDirectory(_cli.ConfigHome);
        File.WriteAllText(SourcesPath, """{ "sources": [ { "name": "a", "url": "http://127.0.0.1:5480" }, { "name": "b" } ] }""");

        var result = await _cli.RunAsync("sources");

        Assert.Equal(5, result.ExitCode);
        Assert.StartsWith($"skillrt: '{SourcesPath}' is not a valid skillrt configuration file: sources[1] ('b') has no \"url\".", result.Error);
    }

    [Fact]
    public async Task Concurrent_writers_each_keep_their_change_and_a_reader_never_sees_a_torn_file()
    {
        const int Writers = 6;
        using var stop = new CancellationTokenSource();
        var torn = new List<string>();
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                string text;
                try
                {
                    text = File.ReadAllText(SourcesPath);
                }
                catch (FileNotFoundException)
                {
                    continue;
                }
                catch (DirectoryNotFoundException)
                {
                    continue;
                }

                reads++;
                try
                {
                    JsonDocument.Parse(text).Dispose();
                }
                catch (JsonException)
                {
                    torn.Add(text);
                }
            }
        }, TestContext.Current.CancellationToken);

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => _cli.RunAsync("sources", "add", $"source-{i}", $"http://127.0.0.1:{6000 + i}")));
        await stop.CancelAsync();
        await reader;

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.ToString()));
        Assert.Empty(torn);
        Assert.True(reads > 0, "the reader never saw the file");
        using var json = JsonDocument.Parse((await _cli.RunAsync("sources", "--json")).Output);
        Assert.Equal(
            Enumerable.Range(0, Writers).Select(i => $"source-{i}").Order(),
            json.RootElement.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).Order());
    }

    [Fact]
    public async Task A_writer_killed_at_any_moment_leaves_the_old_file_or_the_new_one()
    {
        Assert.Equal(0, (await _cli.RunAsync("sources", "add", "kept", "http://127.0.0.1:5480")).ExitCode);
        var before = File.ReadAllText(SourcesPath);

        // Kill writers at different points of their run: as soon as started, and after each further
        // change seen in the folder. Whatever the moment, the file parses and holds 'kept'.
        for (var round = 0; round < 8; round++)
        {
            using var process = Process.Start(_cli.CreateStartInfo(["sources", "add", $"added-{round}", $"http://127.0.0.1:{7000 + round}"]))!;
            process.StandardInput.Close();
            var deadline = Stopwatch.StartNew();
            var seen = 0;
            while (!process.HasExited && seen < round && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                seen += Directory.EnumerateFileSystemEntries(_cli.ConfigHome).Count() > 3 || File.ReadAllText(SourcesPath) != before ? 1 : 0;
            }

            process.Kill();
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);

            var text = File.ReadAllText(SourcesPath);
            using var json = JsonDocument.Parse(text);
            Assert.Contains(json.RootElement.GetProperty("sources").EnumerateArray(), s => s.GetProperty("name").GetString() == "kept");
            before = text;
        }

        var list = await _cli.RunAsync("sources", "list");
        Assert.True(list.ExitCode == 0, list.ToString());
    }
}
