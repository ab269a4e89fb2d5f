using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Tools.Builtin;
using Xunit;

namespace SkillRt.Runtime.Tests.Tools;

/// <summary><c>read_file</c>, <c>list_files</c> and <c>write_file</c> against real files, allowed and refused.</summary>
public sealed class FileToolsTests : IAsyncLifetime
{
    private readonly ToolFixture _fixture = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    private BuiltinToolContext Context(params SkillRt.SkillFilesystemRule[] rules) => _fixture.Context(files: rules);

    private static string Arg(string path) => "{\"path\":" + ToolFixture.Json(path) + "}";

    [Fact]
    public async Task Read_file_reads_an_allowed_file()
    {
        _fixture.Write("work/docs/a.md", "# Hello\nworld");
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("docs/**", SkillFileAccess.Read)), "read_file");

        Assert.Equal("# Hello\nworld", await ToolFixture.CallAsync(tool, Arg("docs/a.md")));
        Assert.Equal("# Hello\nworld", await ToolFixture.CallAsync(tool, Arg("./docs/../docs/a.md")));
        Assert.Equal("# Hello\nworld", await ToolFixture.CallAsync(tool, Arg(Path.Combine(_fixture.WorkingDirectory, "docs", "a.md"))));
    }

    [Fact]
    public async Task Read_file_takes_plain_strings_from_hosts()
    {
        _fixture.Write("work/a.txt", "plain");
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("*.txt")), "read_file");

        var result = await tool.InvokeAsync(new() { ["path"] = "a.txt" }, TestContext.Current.CancellationToken);

        Assert.Equal("plain", result);
    }

    [Theory]
    [InlineData("secret.txt")]
    [InlineData("docs/../secret.txt")]
    [InlineData("../outside.txt")]
    [InlineData("docs/../../outside.txt")]
    [InlineData("/etc/passwd")]
    public async Task Read_file_refuses_what_no_rule_matches(string path)
    {
        _fixture.Write("work/secret.txt", "secret");
        _fixture.Write("outside.txt", "outside");
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("docs/**", SkillFileAccess.Read)), "read_file");

        var denied = await ToolFixture.DeniedAsync(tool, Arg(path), "filesystem");

        Assert.Contains("does not match permissions.filesystem", denied.Message, StringComparison.Ordinal);
        Assert.Contains("docs/** (read)", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_file_refuses_a_link_out_of_an_allowed_folder()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        var secret = _fixture.Write("secret.txt", "secret");
        Directory.CreateDirectory(Path.Combine(_fixture.WorkingDirectory, "docs"));
        File.CreateSymbolicLink(Path.Combine(_fixture.WorkingDirectory, "docs", "link.txt"), secret);
        Directory.CreateSymbolicLink(Path.Combine(_fixture.WorkingDirectory, "docs", "up"), _fixture.Root);
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("docs/**", SkillFileAccess.Read)), "read_file");

        var denied = await ToolFixture.DeniedAsync(tool, Arg("docs/link.txt"), "filesystem");
        await ToolFixture.DeniedAsync(tool, Arg("docs/up/secret.txt"), "filesystem");

        Assert.Contains("symbolic link", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_file_follows_a_link_that_stays_allowed()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        var target = _fixture.Write("work/docs/real.txt", "real");
        File.CreateSymbolicLink(Path.Combine(_fixture.WorkingDirectory, "docs", "link.txt"), target);
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("docs/**", SkillFileAccess.Read)), "read_file");

        Assert.Equal("real", await ToolFixture.CallAsync(tool, Arg("docs/link.txt")));
    }

    [Fact]
    public async Task Read_file_reports_binary_files_instead_of_reading_them()
    {
        File.WriteAllBytes(Path.Combine(_fixture.WorkingDirectory, "image.png"), [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02]);
        File.WriteAllBytes(Path.Combine(_fixture.WorkingDirectory, "latin1.txt"), [0x63, 0x61, 0x66, 0xE9]);
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("**")), "read_file");

        Assert.Equal("'image.png' is a binary file (7 bytes); read_file shows text files only.", await ToolFixture.CallAsync(tool, Arg("image.png")));
        Assert.Contains("binary", (string)(await ToolFixture.CallAsync(tool, Arg("latin1.txt")))!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_file_drops_a_byte_order_mark()
    {
        File.WriteAllBytes(Path.Combine(_fixture.WorkingDirectory, "bom.txt"), [0xEF, 0xBB, 0xBF, (byte)'h', (byte)'i']);
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("**")), "read_file");

        Assert.Equal("hi", await ToolFixture.CallAsync(tool, Arg("bom.txt")));
    }

    [Fact]
    public async Task Read_file_caps_what_it_returns_and_says_how_to_read_on()
    {
        // 'é' is two bytes, so the cap falls inside a character and the cut one is left for the next read.
        var content = "a" + new string('é', BuiltinTool.MaxTextBytes / 2 + 10);
        _fixture.Write("work/big.txt", content);
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("**")), "read_file");

        var first = (string)(await ToolFixture.CallAsync(tool, Arg("big.txt")))!;
        var next = BuiltinTool.MaxTextBytes - 1;
        Assert.StartsWith("a" + new string('é', (BuiltinTool.MaxTextBytes - 2) / 2), first, StringComparison.Ordinal);
        Assert.EndsWith($"this is bytes 0 to {next}. Call read_file with offset {next} to read on.]", first, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', first);

        var rest = (string)(await ToolFixture.CallAsync(tool, "{\"path\":\"big.txt\",\"offset\":" + next + "}"))!;
        Assert.Equal(content, first[..first.IndexOf("\n\n[read_file", StringComparison.Ordinal)] + rest);
    }

    [Fact]
    public async Task Read_file_from_inside_a_character_starts_at_the_next_one()
    {
        _fixture.Write("work/e.txt", "éa");
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("**")), "read_file");

        Assert.Equal("a", await ToolFixture.CallAsync(tool, "{\"path\":\"e.txt\",\"offset\":1}"));
    }

    [Fact]
    public async Task Read_file_errors_are_plain()
    {
        Directory.CreateDirectory(Path.Combine(_fixture.WorkingDirectory, "folder"));
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("**")), "read_file");

        Assert.Equal("'missing.txt' does not exist.", (await Assert.ThrowsAsync<FileNotFoundException>(() => ToolFixture.CallAsync(tool, Arg("missing.txt")))).Message);
        await Assert.ThrowsAsync<IOException>(() => ToolFixture.CallAsync(tool, Arg("folder")));
        Assert.Equal("The argument 'path' is required: a string.", (await Assert.ThrowsAsync<ArgumentException>(() => ToolFixture.CallAsync(tool, "{}"))).Message);
        Assert.Equal("The argument 'path' must be a string, not the number 3.", (await Assert.ThrowsAsync<ArgumentException>(() => ToolFixture.CallAsync(tool, "{\"path\":3}"))).Message);
        await Assert.ThrowsAsync<ArgumentException>(() => ToolFixture.CallAsync(tool, Arg("")));
        await Assert.ThrowsAsync<ArgumentException>(() => ToolFixture.CallAsync(tool, Arg("a\0b")));
        await Assert.ThrowsAsync<ArgumentException>(() => ToolFixture.CallAsync(tool, "{\"path\":\"x\",\"offset\":-1}"));
    }

    [Fact]
    public async Task List_files_lists_only_allowed_entries()
    {
        _fixture.Write("work/docs/a.md", "aaa");
        _fixture.Write("work/docs/b.txt", "b");
        _fixture.Write("work/docs/sub/c.md", "c");
        _fixture.Write("work/secret.md", "s");
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("docs/**/*.md", SkillFileAccess.Read)), "list_files");

        var result = (JsonElement)(await ToolFixture.CallAsync(tool, Arg("docs")))!;

        Assert.Equal("docs", result.GetProperty("path").GetString());
        var entries = result.GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(["a.md", "sub"], entries.Select(static e => e.GetProperty("name").GetString()));
        Assert.Equal("file", entries[0].GetProperty("type").GetString());
        Assert.Equal(3, entries[0].GetProperty("size").GetInt32());
        Assert.Equal("folder", entries[1].GetProperty("type").GetString());
        Assert.False(entries[1].TryGetProperty("size", out _));
    }

    [Fact]
    public async Task List_files_defaults_to_the_working_folder()
    {
        _fixture.Write("work/a.md", "a");
        _fixture.Write("work/b.txt", "b");
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("*.md", SkillFileAccess.Read)), "list_files");

        var result = (JsonElement)(await ToolFixture.CallAsync(tool, "{}"))!;

        Assert.Equal(["a.md"], result.GetProperty("entries").EnumerateArray().Select(static e => e.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("other")]
    [InlineData("docs/..")]
    [InlineData("/")]
    public async Task List_files_refuses_folders_outside_the_rules(string path)
    {
        Directory.CreateDirectory(Path.Combine(_fixture.WorkingDirectory, "docs"));
        Directory.CreateDirectory(Path.Combine(_fixture.WorkingDirectory, "other"));
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("docs/*.md", SkillFileAccess.Read)), "list_files");

        await ToolFixture.DeniedAsync(tool, Arg(path), "filesystem");
    }

    [Fact]
    public async Task List_files_of_a_file_or_nothing_is_an_error()
    {
        _fixture.Write("work/a.md", "a");
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("**")), "list_files");

        await Assert.ThrowsAsync<IOException>(() => ToolFixture.CallAsync(tool, Arg("a.md")));
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => ToolFixture.CallAsync(tool, Arg("missing")));
    }

    [Fact]
    public async Task Write_file_writes_an_allowed_file_and_replaces_it()
    {
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("out/**")), "write_file");
        Directory.CreateDirectory(Path.Combine(_fixture.WorkingDirectory, "out"));

        Assert.Equal("Wrote 6 bytes to 'out/a.txt'.", await ToolFixture.CallAsync(tool, "{\"path\":\"out/a.txt\",\"content\":\"héllo\"}"));
        Assert.Equal("héllo", File.ReadAllText(Path.Combine(_fixture.WorkingDirectory, "out", "a.txt")));

        await ToolFixture.CallAsync(tool, "{\"path\":\"out/a.txt\",\"content\":\"second\"}");
        Assert.Equal("second", File.ReadAllText(Path.Combine(_fixture.WorkingDirectory, "out", "a.txt")));
        // The temporary file is gone.
        Assert.Equal(["a.txt"], Directory.GetFiles(Path.Combine(_fixture.WorkingDirectory, "out")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Write_file_creates_allowed_parent_folders()
    {
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("out/**")), "write_file");

        await ToolFixture.CallAsync(tool, "{\"path\":\"out/x/y/z.txt\",\"content\":\"deep\"}");

        Assert.Equal("deep", File.ReadAllText(Path.Combine(_fixture.WorkingDirectory, "out", "x", "y", "z.txt")));
    }

    [Fact]
    public async Task Write_file_creates_no_folder_the_rules_do_not_allow()
    {
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("out/*.txt")), "write_file");

        var denied = await ToolFixture.DeniedAsync(tool, "{\"path\":\"out/a.txt\",\"content\":\"x\"}", "filesystem");

        Assert.Contains("'out' does not exist and permissions.filesystem does not allow creating it", denied.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_fixture.WorkingDirectory, "out")));

        Directory.CreateDirectory(Path.Combine(_fixture.WorkingDirectory, "out"));
        await ToolFixture.CallAsync(tool, "{\"path\":\"out/a.txt\",\"content\":\"x\"}");
        Assert.True(File.Exists(Path.Combine(_fixture.WorkingDirectory, "out", "a.txt")));
    }

    [Theory]
    [InlineData("docs/a.md")]
    [InlineData("out/../docs/a.md")]
    [InlineData("out/../../escape.txt")]
    [InlineData("new.txt")]
    public async Task Write_file_refuses_what_no_read_write_rule_matches(string path)
    {
        _fixture.Write("work/docs/a.md", "original");
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("docs/**", SkillFileAccess.Read), ToolFixture.Rule("out/**")), "write_file");

        await ToolFixture.DeniedAsync(tool, "{\"path\":" + ToolFixture.Json(path) + ",\"content\":\"changed\"}", "filesystem");

        Assert.Equal("original", File.ReadAllText(Path.Combine(_fixture.WorkingDirectory, "docs", "a.md")));
        Assert.False(File.Exists(Path.Combine(_fixture.Root, "escape.txt")));
        Assert.False(File.Exists(Path.Combine(_fixture.WorkingDirectory, "new.txt")));
    }

    [Fact]
    public async Task Write_file_refuses_to_write_through_a_link_out_of_the_rules()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        var target = _fixture.Write("target.txt", "original");
        Directory.CreateDirectory(Path.Combine(_fixture.WorkingDirectory, "out"));
        File.CreateSymbolicLink(Path.Combine(_fixture.WorkingDirectory, "out", "link.txt"), target);
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("out/**")), "write_file");

        await ToolFixture.DeniedAsync(tool, "{\"path\":\"out/link.txt\",\"content\":\"changed\"}", "filesystem");

        Assert.Equal("original", File.ReadAllText(target));
    }

    [Fact]
    public async Task Write_file_refuses_a_folder()
    {
        Directory.CreateDirectory(Path.Combine(_fixture.WorkingDirectory, "out", "sub"));
        var tool = ToolFixture.Tool(Context(ToolFixture.Rule("out/**")), "write_file");

        await Assert.ThrowsAsync<IOException>(() => ToolFixture.CallAsync(tool, "{\"path\":\"out/sub\",\"content\":\"x\"}"));
        await Assert.ThrowsAsync<ArgumentException>(() => ToolFixture.CallAsync(tool, "{\"path\":\"out/a\"}"));
    }
}
