using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using Xunit;

namespace SkillRt.Cli.Tests.Publish;

/// <summary>
/// <c>skillrt publish --dry-run --output</c> against the real <c>dotnet pack</c> of the same skill
/// (<see cref="DotnetPackedSkill"/>): the package publish makes is the one the build makes.
/// </summary>
public sealed class PublishPackTests : IClassFixture<DotnetPackedSkill>
{
    private readonly DotnetPackedSkill _packed;

    public PublishPackTests(DotnetPackedSkill packed) => _packed = packed;

    /// <remarks>
    /// Compared byte for byte: every entry's name and timestamp (both honour SOURCE_DATE_EPOCH), every
    /// skill file, skills/index.json, the buildTransitive targets, _rels/.rels and [Content_Types].xml.
    /// Compared element by element: the nuspec. What legitimately differs, and is left out:
    /// <list type="bullet">
    /// <item>the nuspec's <c>&lt;repository&gt;</c>: the SDK's Source Link writes what it finds of a git
    /// checkout around the project (type, URL, commit); publish reads no git, and records none;</item>
    /// <item>the core-properties .psmdcp: its <c>lastModifiedBy</c> names the NuGet.Packaging and .NET
    /// that wrote the package (the SDK's, publish's own);</item>
    /// <item>compressed bytes of the nuspec and .psmdcp, which follow from the two above.</item>
    /// </list>
    /// </remarks>
    [Fact]
    public async Task Publish_packs_exactly_the_package_dotnet_pack_makes()
    {
        using var cli = new SkillCli();
        cli.Environment["SOURCE_DATE_EPOCH"] = DotnetPackedSkill.SourceDateEpoch;
        var output = Path.Combine(cli.WorkingDirectory, "out");

        var result = await cli.RunAsync("publish", _packed.SkillFolder, "--dry-run", "--output", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        var published = Path.Combine(output, $"{DotnetPackedSkill.Name}.{DotnetPackedSkill.Version}.nupkg");
        Assert.Equal($"Packed {DotnetPackedSkill.Name} {DotnetPackedSkill.Version} (3 skill files) into {published}; dry run, nothing was published.\n", result.Output);

        using var expected = ZipFile.OpenRead(_packed.Package);
        using var actual = ZipFile.OpenRead(published);
        Assert.Equal(
            expected.Entries.Select(e => (e.FullName, e.LastWriteTime)),
            actual.Entries.Select(e => (e.FullName, e.LastWriteTime)));
        Assert.All(actual.Entries, e => Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(long.Parse(DotnetPackedSkill.SourceDateEpoch, System.Globalization.CultureInfo.InvariantCulture)).UtcDateTime, e.LastWriteTime.UtcDateTime));

        var skipped = new[] { DotnetPackedSkill.Name + ".nuspec", "package/services/metadata/core-properties/" };
        foreach (var entry in expected.Entries.Where(e => !skipped.Any(s => e.FullName.StartsWith(s, StringComparison.Ordinal))))
        {
            Assert.True(Bytes(entry).SequenceEqual(Bytes(actual.GetEntry(entry.FullName)!)), $"{entry.FullName} differs:\n--- dotnet pack ---\n{Text(entry)}\n--- skillrt publish ---\n{Text(actual.GetEntry(entry.FullName)!)}");
        }

        Assert.Contains("skills/index.json", expected.Entries.Select(e => e.FullName));
        Assert.Contains($"buildTransitive/{DotnetPackedSkill.Name}.targets", expected.Entries.Select(e => e.FullName));
        Assert.Contains($"skills/{DotnetPackedSkill.Name}/scripts/lib/merged.sh", expected.Entries.Select(e => e.FullName));

        var dotnetNuspec = Metadata(expected);
        var publishNuspec = Metadata(actual);
        dotnetNuspec.Element(Nuspec("repository"))?.Remove();
        Assert.Equal(dotnetNuspec.ToString(), publishNuspec.ToString());

        // What the comparison covers, stated, so a change on both sides cannot make it vacuous.
        Assert.Equal(
            ["id", "version", "authors", "license", "licenseUrl", "description", "tags", "packageTypes", "dependencies"],
            publishNuspec.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("Contoso,Fabrikam Release Team", publishNuspec.Element(Nuspec("authors"))!.Value);
        Assert.Equal("MIT OR Apache-2.0", publishNuspec.Element(Nuspec("license"))!.Value);
        Assert.Equal("release github skillrt skillrt-skill-release-notes", publishNuspec.Element(Nuspec("tags"))!.Value);
        Assert.Equal(["Dependency", "SkillRtSkills"], publishNuspec.Descendants(Nuspec("packageType")).Select(e => e.Attribute("name")!.Value));
        var dependency = Assert.Single(publishNuspec.Descendants(Nuspec("dependency")));
        Assert.Equal(("SkillRt", "All"), (dependency.Attribute("id")!.Value, dependency.Attribute("include")!.Value));
    }

    [Fact]
    public async Task Publishing_the_package_dotnet_pack_made_checks_it_and_pushes_it_as_it_is()
    {
        using var cli = new SkillCli();
        var feed = Directory.CreateDirectory(Path.Combine(cli.WorkingDirectory, "feed")).FullName;

        var result = await cli.RunAsync("publish", _packed.Package, "--source", feed);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"Published {DotnetPackedSkill.Name} {DotnetPackedSkill.Version} (3 skill files) to {feed}.\n", result.Output);
        var pushed = Directory.EnumerateFiles(feed, "*.nupkg", SearchOption.AllDirectories).Single();
        Assert.Equal(File.ReadAllBytes(_packed.Package), File.ReadAllBytes(pushed));
    }

    private static XNamespace NuspecNamespace => "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";

    private static XName Nuspec(string name) => NuspecNamespace + name;

    private static XElement Metadata(ZipArchive package)
    {
        using var stream = package.GetEntry(DotnetPackedSkill.Name + ".nuspec")!.Open();
        return XDocument.Load(stream).Root!.Element(Nuspec("metadata"))!;
    }

    private static byte[] Bytes(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string Text(ZipArchiveEntry entry) => System.Text.Encoding.UTF8.GetString(Bytes(entry));
}
