using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Runtime.Tests.Tools;

/// <summary><c>read_skill_file</c>: the skill's <c>references/</c> and <c>assets/</c>, and nothing beside them.</summary>
public sealed class SkillFolderToolsTests : IAsyncLifetime
{
    private readonly ToolFixture _fixture = new();

    public ValueTask InitializeAsync()
    {
        _fixture.Write("skill/SKILL.md", "---\nname: tool-test\n---\nBody.");
        _fixture.Write("skill/references/guide.md", "# Guide");
        _fixture.Write("skill/references/deep/more.md", "more");
        _fixture.Write("skill/assets/template.txt", "template");
        _fixture.Write("skill/scripts/run.sh", "echo hi");
        _fixture.Write("work/secret.txt", "secret");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    private Microsoft.Extensions.AI.AIFunction Tool() => ToolFixture.Tool(_fixture.Context(), "read_skill_file");

    private static string Arg(string path) => "{\"path\":" + ToolFixture.Json(path) + "}";

    [Theory]
    [InlineData("references/guide.md", "# Guide")]
    [InlineData("references/deep/more.md", "more")]
    [InlineData("./references/../assets/template.txt", "template")]
    [InlineData("assets/template.txt", "template")]
    public async Task Reads_the_skill_own_files(string path, string expected) =>
        Assert.Equal(expected, await ToolFixture.CallAsync(Tool(), Arg(path)));

    [Theory]
    [InlineData("SKILL.md")]
    [InlineData("scripts/run.sh")]
    [InlineData("references/../SKILL.md")]
    [InlineData("references/../../work/secret.txt")]
    [InlineData("../work/secret.txt")]
    [InlineData("referencesx/a")]
    [InlineData("/etc/passwd")]
    public async Task Refuses_everything_else(string path)
    {
        var denied = await ToolFixture.DeniedAsync(Tool(), Arg(path), "filesystem");

        Assert.Contains("references/ or assets/", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_link_out_of_the_folders()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "symbolic links need privileges on Windows");
        File.CreateSymbolicLink(Path.Combine(_fixture.SkillDirectory, "references", "secret.txt"), Path.Combine(_fixture.WorkingDirectory, "secret.txt"));

        await ToolFixture.DeniedAsync(Tool(), Arg("references/secret.txt"), "filesystem");
    }

    [Fact]
    public async Task Lists_a_folder()
    {
        var result = (JsonElement)(await ToolFixture.CallAsync(Tool(), Arg("references")))!;

        Assert.Equal(["deep", "guide.md"], result.GetProperty("entries").EnumerateArray().Select(static e => e.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Missing_files_are_errors()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => ToolFixture.CallAsync(Tool(), Arg("references/none.md")));
    }

    [Fact]
    public void Description_lists_the_files()
    {
        Assert.Contains("references/deep/more.md, references/guide.md; assets/template.txt", Tool().Description, StringComparison.Ordinal);
    }
}
