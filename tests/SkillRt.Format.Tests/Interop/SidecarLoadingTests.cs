using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Tests.Interop;

/// <summary>
/// <see cref="SkillDocument.Load"/> with a <c>skillrt.yaml</c> beside SKILL.md: one frontmatter for
/// the validator, and every diagnostic in the file, and at the line, where the problem is.
/// </summary>
public sealed class SidecarLoadingTests
{
    private const string AgentSkillsMarkdown = "---\nname: demo\ndescription: Shows sidecars.\n---\nUse {{ topic }}.\n";

    [Fact]
    public void A_problem_in_the_sidecar_names_the_sidecar_and_its_line()
    {
        using var folder = new AgentSkillsTestFolder();
        var path = folder.Write("demo", AgentSkillsMarkdown, "inputs:\n  - name: topic\n# released\nversion: 1.0\n");
        var sidecar = Path.Combine(Path.GetDirectoryName(path)!, AgentSkillsFormat.SidecarFileName);

        var result = SkillValidator.Validate(SkillDocument.Load(path));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SKILL0107", diagnostic.Id);
        Assert.Equal(sidecar, diagnostic.FilePath);
        Assert.Equal(new SourceSpan(4, 10, 4, 13), diagnostic.Span);
        Assert.StartsWith($"{sidecar}(4,10): error SKILL0107: ", diagnostic.ToString(path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_problem_in_SKILL_md_keeps_its_own_file_and_line_and_comes_first()
    {
        using var folder = new AgentSkillsTestFolder();
        var path = folder.Write("demo", "---\nname: demo\ndescription: Shows sidecars.\nlicense: [MIT]\n---\nUse {{ topic }} and {{ other }}.\n", "version: 1.0\ninputs:\n  - name: topic\n");

        var diagnostics = SkillValidator.Validate(SkillDocument.Load(path)).Diagnostics;

        Assert.Equal(["SKILL0108", "SKILL0701", "SKILL0107"], diagnostics.Select(d => d.Id));
        Assert.Equal([4, 6, 1], diagnostics.Select(d => d.Span.StartLine));
        Assert.Null(diagnostics[0].FilePath);
        Assert.Null(diagnostics[1].FilePath);
        Assert.EndsWith(AgentSkillsFormat.SidecarFileName, diagnostics[2].FilePath, StringComparison.Ordinal);
        Assert.StartsWith($"{path}(4,10): error SKILL0108", diagnostics[0].ToString(path), StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_in_both_files_is_a_duplicate_in_the_sidecar_and_SKILL_md_wins()
    {
        using var folder = new AgentSkillsTestFolder();
        var path = folder.Write("demo", AgentSkillsMarkdown, "version: 1.0.0\ndescription: Other.\n");

        var result = SkillValidator.Validate(SkillDocument.Load(path));

        var duplicate = Assert.Single(result.Diagnostics);
        Assert.Equal("SKILL0003", duplicate.Id);
        Assert.Equal("Duplicate key 'description' (first defined on line 3 of SKILL.md); remove one of them", duplicate.Message);
        Assert.Equal(2, duplicate.Span.StartLine);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(path)!, AgentSkillsFormat.SidecarFileName), duplicate.FilePath);
        Assert.Equal("Shows sidecars.", result.Manifest.Description);
    }

    [Theory]
    [InlineData("inputs: [\n", "SKILL0002")]
    [InlineData("- version\n", "SKILL0009")]
    [InlineData("inputs: \"\0\"\n", "SKILL0006")]
    public void A_sidecar_that_cannot_be_read_is_reported_in_the_sidecar(string sidecar, string id)
    {
        using var folder = new AgentSkillsTestFolder();
        var path = folder.Write("demo", AgentSkillsMarkdown, sidecar);

        var document = SkillDocument.Load(path);

        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.EndsWith(AgentSkillsFormat.SidecarFileName, diagnostic.FilePath, StringComparison.Ordinal);
        Assert.Equal(2, document.Frontmatter!.Entries.Count);
    }

    [Fact]
    public void Invalid_utf8_in_the_sidecar_is_reported_there()
    {
        using var folder = new AgentSkillsTestFolder();
        var path = folder.Write("demo", AgentSkillsMarkdown, null);
        File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(path)!, AgentSkillsFormat.SidecarFileName), [(byte)'x', (byte)':', (byte)' ', 0xC3, 0x28, (byte)'\n']);

        var diagnostic = Assert.Single(SkillDocument.Load(path).Diagnostics);

        Assert.Equal("SKILL0005", diagnostic.Id);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(path)!, AgentSkillsFormat.SidecarFileName), diagnostic.FilePath);
    }

    [Fact]
    public async Task Load_and_LoadAsync_merge_the_same_way()
    {
        using var folder = new AgentSkillsTestFolder();
        var path = folder.Write("demo", AgentSkillsMarkdown, "version: 1.0.0\ninputs:\n  - name: topic\n");

        var sync = SkillDocument.Load(path);
        var async = await SkillDocument.LoadAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(["name", "description", "version", "inputs"], sync.Frontmatter!.Entries.Select(e => e.Name));
        Assert.Equal(AgentSkillsTestFolder.JsonByKey(sync.Frontmatter), AgentSkillsTestFolder.JsonByKey(async.Frontmatter));
        Assert.Equal(sync.SidecarPath, async.SidecarPath);
        Assert.False(sync.IsFromSidecar(sync.Frontmatter.Entries[1]));
        Assert.True(sync.IsFromSidecar(sync.Frontmatter.Entries[2]));
        Assert.Equal(1, sync.Frontmatter.Entries[2].Key.Span.StartLine);
        var manifest = SkillValidator.Validate(async).Manifest;
        Assert.Equal(new SemanticVersion(1, 0, 0), manifest.Version);
        Assert.Equal("topic", Assert.Single(manifest.Inputs).Name);
    }

    [Fact]
    public void The_sidecar_is_read_only_for_a_structured_SKILL_md_on_disk()
    {
        using var folder = new AgentSkillsTestFolder();
        var path = folder.Write("demo", AgentSkillsMarkdown, "version: 1.0.0\n");
        var other = Path.Combine(Path.GetDirectoryName(path)!, "other.md");
        File.WriteAllText(other, AgentSkillsMarkdown);
        var prose = folder.Write("prose", "# Just prose\n", "version: 1.0.0\n");

        Assert.Null(SkillDocument.Parse(AgentSkillsMarkdown, path).SidecarPath);
        Assert.Null(SkillDocument.Load(other).SidecarPath);
        Assert.Null(SkillDocument.Load(prose).SidecarPath);
        Assert.Equal(2, SkillDocument.Load(other).Frontmatter!.Entries.Count);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(path)!, AgentSkillsFormat.SidecarFileName), SkillDocument.Load(path).SidecarPath);
    }
}
