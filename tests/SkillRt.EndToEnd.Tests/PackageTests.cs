using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using System.Xml.Linq;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.EndToEnd.Tests;

/// <summary>
/// The SkillRt package as users get it: new projects reference it by PackageReference from a local
/// feed, build with the real dotnet CLI, pack skill libraries and consume them.
/// </summary>
[Collection(nameof(SharedPackageFeed))]
public sealed class PackageTests(PackageFeed feed) : IDisposable
{
    /// <summary>An ISkillRunner that answers every run with one JSON text, for consumer programs that must not call a model.</summary>
    internal const string CannedRunner = """"
        sealed class CannedRunner(string answer) : SkillRt.ISkillRunner
        {
            public System.Threading.Tasks.Task<SkillRt.SkillRunResult<TOutput>> RunAsync<TInput, TOutput>(SkillRt.SkillContract<TInput, TOutput> skill, TInput input, SkillRt.SkillRunOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
                where TInput : notnull
            {
                if (!skill.TryReadOutput(answer, out var output, out var violations))
                {
                    throw new SkillRt.SkillOutputException(answer, violations, skill.Descriptor.Name);
                }

                return System.Threading.Tasks.Task.FromResult(new SkillRt.SkillRunResult<TOutput>(output, new SkillRt.SkillRunReport { SkillName = skill.Descriptor.Name }));
            }

            public System.Collections.Generic.IAsyncEnumerable<SkillRt.SkillRunUpdate<TOutput>> RunStreamingAsync<TInput, TOutput>(SkillRt.SkillContract<TInput, TOutput> skill, TInput input, SkillRt.SkillRunOptions? options = null, System.Threading.CancellationToken cancellationToken = default)
                where TInput : notnull => throw new System.NotSupportedException();
        }
        """";

    private readonly DirectoryInfo _project = Directory.CreateTempSubdirectory("skillrt-consumer-");

    public void Dispose() => _project.Delete(recursive: true);

    [Fact]
    public void The_package_has_the_documented_layout()
    {
        using var package = ZipFile.OpenRead(Path.Combine(feed.Folder, $"SkillRt.{feed.Version}.nupkg"));
        var entries = package.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("package/", StringComparison.Ordinal) && !n.StartsWith("_rels/", StringComparison.Ordinal) && n != "[Content_Types].xml").Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "README.md",
                "SkillRt.nuspec",
                "analyzers/dotnet/cs/SkillRt.Format.dll",
                "analyzers/dotnet/cs/SkillRt.Generators.dll",
                "build/SkillRt.props",
                "build/SkillRt.targets",
                "buildTransitive/SkillRt.props",
                "buildTransitive/SkillRt.targets",
                "lib/net10.0/SkillRt.Format.dll",
                "lib/net10.0/SkillRt.Format.xml",
                "lib/net10.0/SkillRt.Runtime.dll",
                "lib/net10.0/SkillRt.Runtime.xml",
                "lib/net8.0/SkillRt.Format.dll",
                "lib/net8.0/SkillRt.Format.xml",
                "lib/net8.0/SkillRt.Runtime.dll",
                "lib/net8.0/SkillRt.Runtime.xml",
                "tasks/net8.0/Newtonsoft.Json.dll",
                "tasks/net8.0/NuGet.Common.dll",
                "tasks/net8.0/NuGet.Configuration.dll",
                "tasks/net8.0/NuGet.Frameworks.dll",
                "tasks/net8.0/NuGet.Packaging.dll",
                "tasks/net8.0/NuGet.Protocol.dll",
                "tasks/net8.0/NuGet.Versioning.dll",
                "tasks/net8.0/SkillRt.Build.dll",
                "tasks/net8.0/SkillRt.Format.dll",
                "tasks/net8.0/SkillRt.Scanning.dll",
                "tasks/net8.0/System.Security.Cryptography.Pkcs.dll",
                "tasks/net8.0/System.Security.Cryptography.ProtectedData.dll",
                "tasks/netstandard2.0/SkillRt.Build.dll",
                "tasks/netstandard2.0/SkillRt.Format.dll",
                "tasks/netstandard2.0/SkillRt.Scanning.dll",
            ],
            entries);
        Assert.DoesNotContain(package.Entries, e => e.Name.StartsWith("Microsoft.Build", StringComparison.Ordinal));
        Assert.DoesNotContain(package.Entries, e => e.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));

        var nuspec = Nuspec(package);
        Assert.Equal("MIT", nuspec.Descendants().Single(e => e.Name.LocalName == "license").Value);
        Assert.Equal("README.md", nuspec.Descendants().Single(e => e.Name.LocalName == "readme").Value);
        // What the runner needs (templates, the tool-calling loop, MCP clients, dynamic schemas), and
        // nothing of the build: no Roslyn, no MSBuild, no NuGet client.
        Assert.Equal(
            ["Fluid.Core", "Microsoft.Extensions.AI", "Microsoft.Extensions.AI.Abstractions", "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Options", "ModelContextProtocol.Core", "TimeZoneConverter"],
            nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(d => (string)d.Attribute("id")!).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_console_app_with_a_package_reference_gets_typed_skills_and_rebuilds_without_skill_work()
    {
        WriteConsoleProject();
        TempProject.CopyDirectory(Path.Combine(TestPaths.Examples, "pr-review"), Path.Combine(_project.FullName, "skills", "pr-review"));
        File.WriteAllText(Path.Combine(_project.FullName, "Program.cs"), $$""""
            using System;
            using Consumer.Skills;

            var runner = new CannedRunner("""{"summary":"Fine.","verdict":"approve","findings":[]}""");
            PrReviewOutput review = await PrReviewSkill.RunAsync(runner, new PrReviewInput(new Uri("https://github.com/o/r/pull/1")));
            Console.WriteLine($"{review.Verdict} {review.Findings.Count} {SkillCatalog.Descriptors.Count}");

            {{CannedRunner}}
            """");

        var (exitCode, output) = await DotnetCli.RunAsync(_project.FullName, "run");
        Assert.True(exitCode == 0, output);
        Assert.EndsWith("Approve 0 1", output.Trim(), StringComparison.Ordinal);

        // A second build with no change runs no compiler, so no generator, and no SkillRt task.
        (exitCode, output) = await DotnetCli.RunAsync(_project.FullName, "build", "-v:d");
        Assert.True(exitCode == 0, output);
        Assert.Contains("Skipping target \"CoreCompile\" because all output files are up-to-date", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Target \"SkillRtValidateSkills", output, StringComparison.Ordinal);

        // Editing the SKILL.md compiles again.
        File.AppendAllText(Path.Combine(_project.FullName, "skills", "pr-review", "SKILL.md"), "\nBe brief.\n");
        (exitCode, output) = await DotnetCli.RunAsync(_project.FullName, "build", "-v:d");
        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("Skipping target \"CoreCompile\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_skill_fails_the_build_at_its_line()
    {
        WriteConsoleProject();
        File.WriteAllText(Path.Combine(_project.FullName, "Program.cs"), "System.Console.WriteLine();\n");
        Directory.CreateDirectory(Path.Combine(_project.FullName, "skills", "bad"));
        var bad = Path.Combine(_project.FullName, "skills", "bad", "SKILL.md");
        File.WriteAllText(bad, "---\nname: bad\ndescription: Broken.\nversion: 1.0\n---\nBody.\n");

        var (exitCode, output) = await DotnetCli.RunAsync(_project.FullName, "build");

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"{bad}(4,10): error SKILL0107: '1.0' is not a SemVer 2.0.0 version", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_packed_skill_library_holds_its_skill_folders_an_index_and_consumer_targets()
    {
        using var package = ZipFile.OpenRead(feed.LibraryPackage);
        var entries = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("skills/release-notes/SKILL.md", entries);
        Assert.Contains("skills/release-notes/references/style.md", entries);
        Assert.Contains("skills/index.json", entries);
        Assert.Contains("buildTransitive/Contoso.ReleaseSkills.targets", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));

        var nuspec = Nuspec(package);
        Assert.Equal(["Dependency", "SkillRtSkills"], nuspec.Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => (string)e.Attribute("name")!));
        var dependency = nuspec.Descendants().Single(e => e.Name.LocalName == "dependency");
        Assert.Equal(("SkillRt", feed.Version), ((string)dependency.Attribute("id")!, (string)dependency.Attribute("version")!));

        using var index = JsonDocument.Parse(package.GetEntry("skills/index.json")!.Open());
        var skill = Assert.Single(index.RootElement.GetProperty("skills").EnumerateArray());
        Assert.Equal("release-notes", skill.GetProperty("name").GetString());
        Assert.Equal(2, skill.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public async Task Packing_the_same_library_twice_gives_the_same_bytes()
    {
        var again = Directory.CreateTempSubdirectory("skillrt-repack-").FullName;
        try
        {
            var (exitCode, output) = await DotnetCli.RunAsync(feed.LibraryProject, "pack", "-o", again, "-p:PackageVersion=" + feed.Version);
            Assert.True(exitCode == 0, output);
            Assert.Equal(File.ReadAllBytes(feed.LibraryPackage), File.ReadAllBytes(Path.Combine(again, Path.GetFileName(feed.LibraryPackage))));
        }
        finally
        {
            Directory.Delete(again, recursive: true);
        }
    }

    [Fact]
    public async Task QuickStart_consuming_the_library_package_gets_its_skills_as_typed_classes()
    {
        var quickStart = Path.Combine(TestPaths.RepositoryRoot, "samples", "QuickStart");
        TempProject.CopyDirectory(Path.Combine(quickStart, "skills"), Path.Combine(_project.FullName, "skills"));
        File.WriteAllText(Path.Combine(_project.FullName, "Program.cs"), """
            using System;
            using QuickStart.Skills;
            using SkillRt;

            Console.WriteLine($"{SkillCatalog.Descriptors.Count} skills");
            foreach (var skill in SkillCatalog.Descriptors)
            {
                Console.WriteLine($"{skill.Name} {skill.Version} ({skill.Runtime.Type.ToWireName()}, output {skill.OutputType.ToWireName()})");
            }

            // From the Contoso.ReleaseSkills package, and from the app's own skills/.
            Console.WriteLine(ReleaseNotesSkill.Contract.SerializeInput(new ReleaseNotesInput("o/r", "v1.0.0")).GetRawText());
            Console.WriteLine(PrReviewSkill.Contract.SerializeInput(new PrReviewInput(new Uri("https://github.com/o/r/pull/1"))).GetRawText());
            """);
        WriteConsoleProject("QuickStart", $"""<PackageReference Include="Contoso.ReleaseSkills" Version="{feed.Version}" />""");

        var (exitCode, output) = await DotnetCli.RunAsync(_project.FullName, "run");

        Assert.True(exitCode == 0, output);
        Assert.Contains("4 skills", output, StringComparison.Ordinal);
        Assert.Contains("release-notes 0.2.0 (markdown-skill, output json)", output, StringComparison.Ordinal);
        Assert.Contains("pr-review 1.2.0 (markdown-skill, output json)", output, StringComparison.Ordinal);
        Assert.Contains("""{"pr_url":"https://github.com/o/r/pull/1",""", output, StringComparison.Ordinal);
    }

    private void WriteConsoleProject(string name = "Consumer", string extraReference = "")
    {
        TempProject.WriteIsolation(_project.FullName, feed.Folder);
        File.WriteAllText(Path.Combine(_project.FullName, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SkillRt" Version="{feed.Version}" />
                {extraReference}
                <SkillFile Include="skills/**/SKILL.md" />
              </ItemGroup>
            </Project>
            """);
    }

    private static XDocument Nuspec(ZipArchive package)
    {
        using var stream = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }
}
