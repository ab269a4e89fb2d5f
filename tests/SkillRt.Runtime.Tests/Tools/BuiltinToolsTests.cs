using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Tools.Builtin;
using Xunit;

namespace SkillRt.Runtime.Tests.Tools;

/// <summary>Built-in tools are offered exactly when the skill's permissions and folder allow them at all.</summary>
public sealed class BuiltinToolsTests : IAsyncLifetime
{
    private readonly ToolFixture _fixture = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    private static string[] Offered(BuiltinToolContext context) => [.. BuiltinTools.For(context).Select(static tool => tool.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public void Nothing_allowed_offers_nothing()
    {
        Assert.Empty(Offered(_fixture.Context()));
        Assert.Empty(Offered(_fixture.Context(skillDirectory: false)));
    }

    [Fact]
    public void Network_offers_fetch_url()
    {
        Assert.Equal(["fetch_url"], Offered(_fixture.Context(network: ["api.github.com"])));
        Assert.Equal(["fetch_url"], Offered(_fixture.Context(network: ["*"])));
    }

    [Fact]
    public void Network_entries_that_do_not_parse_offer_nothing()
    {
        Assert.Empty(Offered(_fixture.Context(network: ["https://api.github.com"])));
    }

    [Fact]
    public void Read_rules_offer_reading_and_listing()
    {
        Assert.Equal(["list_files", "read_file"], Offered(_fixture.Context(files: [ToolFixture.Rule("docs/**", SkillFileAccess.Read)])));
    }

    [Fact]
    public void Read_write_rules_offer_writing_too()
    {
        Assert.Equal(
            ["list_files", "read_file", "write_file"],
            Offered(_fixture.Context(files: [ToolFixture.Rule("docs/**", SkillFileAccess.Read), ToolFixture.Rule("out/**")])));
    }

    [Fact]
    public void Declared_tools_offer_run_tool()
    {
        Assert.Equal(["run_tool"], Offered(_fixture.Context(tools: ["git"])));
    }

    [Fact]
    public void Skill_folders_offer_their_tools()
    {
        _fixture.Write("skill/SKILL.md", "---\nname: x\n---\n");
        Assert.Empty(Offered(_fixture.Context()));

        Directory.CreateDirectory(Path.Combine(_fixture.SkillDirectory, "assets"));
        Assert.Equal(["read_skill_file"], Offered(_fixture.Context()));

        Directory.CreateDirectory(Path.Combine(_fixture.SkillDirectory, "scripts"));
        Assert.Equal(["read_skill_file", "run_script"], Offered(_fixture.Context()));

        // Without a known skill folder there is nothing to read or run.
        Assert.Empty(Offered(_fixture.Context(skillDirectory: false)));
    }

    [Fact]
    public void References_alone_offer_read_skill_file()
    {
        Directory.CreateDirectory(Path.Combine(_fixture.SkillDirectory, "references"));

        Assert.Equal(["read_skill_file"], Offered(_fixture.Context()));
    }

    [Fact]
    public void Everything_allowed_offers_everything()
    {
        Directory.CreateDirectory(Path.Combine(_fixture.SkillDirectory, "references"));
        Directory.CreateDirectory(Path.Combine(_fixture.SkillDirectory, "scripts"));

        Assert.Equal(
            ["fetch_url", "list_files", "read_file", "read_skill_file", "run_script", "run_tool", "write_file"],
            Offered(_fixture.Context(network: ["*"], files: [ToolFixture.Rule("**")], tools: ["jq"])));
    }

    [Fact]
    public void Descriptions_name_what_is_allowed()
    {
        _fixture.Write("skill/scripts/build.py", "print(1)");
        _fixture.Write("skill/references/guide.md", "# Guide");
        var tools = BuiltinTools.For(_fixture.Context(
            network: ["api.github.com", "*.example.com:8443"],
            files: [ToolFixture.Rule("docs/**", SkillFileAccess.Read), ToolFixture.Rule("out/*.csv")],
            tools: ["jq", "git"])).ToDictionary(static tool => tool.Name);

        Assert.Contains("api.github.com, *.example.com:8443", tools["fetch_url"].Description, StringComparison.Ordinal);
        Assert.Contains("docs/** (read), out/*.csv (read-write)", tools["read_file"].Description, StringComparison.Ordinal);
        Assert.Contains("docs/** (read), out/*.csv (read-write)", tools["list_files"].Description, StringComparison.Ordinal);
        Assert.Contains(": out/*.csv;", tools["write_file"].Description, StringComparison.Ordinal);
        Assert.DoesNotContain("docs/**", tools["write_file"].Description, StringComparison.Ordinal);
        Assert.Contains("jq, git", tools["run_tool"].Description, StringComparison.Ordinal);
        Assert.Contains("build.py", tools["run_script"].Description, StringComparison.Ordinal);
        Assert.Contains("references/guide.md", tools["read_skill_file"].Description, StringComparison.Ordinal);
        Assert.Contains(_fixture.WorkingDirectory, tools["read_file"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Schemas_are_objects_that_list_their_required_arguments()
    {
        Directory.CreateDirectory(Path.Combine(_fixture.SkillDirectory, "references"));
        Directory.CreateDirectory(Path.Combine(_fixture.SkillDirectory, "scripts"));
        var tools = BuiltinTools.For(_fixture.Context(network: ["*"], files: [ToolFixture.Rule("**")], tools: ["jq", "git"]));

        foreach (var tool in tools)
        {
            Assert.Equal("object", tool.JsonSchema.GetProperty("type").GetString());
            Assert.False(tool.JsonSchema.GetProperty("additionalProperties").GetBoolean());
        }

        var runTool = tools.Single(static tool => tool.Name == "run_tool");
        Assert.Equal(
            ["jq", "git"],
            runTool.JsonSchema.GetProperty("properties").GetProperty("name").GetProperty("enum").EnumerateArray().Select(static e => e.GetString()));
        Assert.Equal(JsonValueKind.Array, runTool.JsonSchema.GetProperty("required").ValueKind);
    }
}
