using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using SkillRt.Cli.Tests;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.EndToEnd.Tests;

/// <summary>
/// Issue 17's validation target, with every piece real: one person runs the server and publishes
/// pr-review 1.0.0 and 1.1.0 with <c>skillrt publish</c>; another, with a fresh home and no key, finds
/// it with <c>skillrt search</c>, installs <c>pr-review@^1.0</c> (and gets 1.1.0), and a fresh console
/// project takes it with <c>dotnet add package</c> from the same server and calls the generated
/// <c>PrReviewSkill.RunAsync</c>.
/// </summary>
[Collection(nameof(SharedPackageFeed))]
public sealed class RegistryJourneyTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillrt-journey-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task A_skill_published_by_one_person_is_found_installed_and_compiled_against_by_another()
    {
        await using var server = await ServerProcess.StartAsync();
        var source = server.BaseUrl + "v3/index.json";

        // Alice runs the server: she logs in with its first key and publishes two versions.
        using var alice = new SkillCli();
        var login = await alice.RunWithInputAsync(server.AdministratorKey + "\n", "login", source, "--key-stdin");
        Assert.True(login.ExitCode == 0, login.ToString());
        foreach (var version in new[] { "1.0.0", "1.1.0" })
        {
            var folder = Path.Combine(_root.FullName, "alice", version, "pr-review");
            TempProject.CopyDirectory(Path.Combine(TestPaths.Examples, "pr-review"), folder);
            var skill = Path.Combine(folder, "SKILL.md");
            File.WriteAllText(skill, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(skill), "(?m)^version: .*$", "version: " + version));
            var published = await alice.RunAsync("publish", folder);
            Assert.True(published.ExitCode == 0, published.ToString());
        }

        // Bob has a fresh home, no key and no configuration; his NuGet feeds are none but the registry's
        // (the machine's own NuGet.config may list feeds this test cannot reach).
        using var bob = new SkillCli();
        File.WriteAllText(Path.Combine(bob.WorkingDirectory, "nuget.config"), "<configuration><packageSources><clear /></packageSources></configuration>");
        var search = await bob.RunAsync("search", "review", "--source", source, "--format", "json");
        Assert.True(search.ExitCode == 0, search.ToString());
        Assert.Contains("pr-review", search.Output, StringComparison.Ordinal);
        Assert.Contains("1.1.0", search.Output, StringComparison.Ordinal);

        var added = await bob.RunAsync("sources", "add", "team", source);
        Assert.True(added.ExitCode == 0, added.ToString());
        var install = await bob.RunAsync("install", "pr-review@^1.0");
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.True(File.Exists(Path.Combine(bob.StoreEntry("pr-review", "1.1.0"), "SKILL.md")), install.ToString());
        Assert.False(Directory.Exists(bob.StoreEntry("pr-review", "1.0.0")));

        // A consumer project. The published package depends on the SkillRt this CLI ships with (0.2.0):
        // pack this build's SkillRt under that version into a feed of its own, and restore into a
        // packages folder of its own, so no other run's 0.2.0 is ever taken from a cache.
        var feed = Path.Combine(_root.FullName, "feed");
        var runtime = Path.Combine(TestPaths.RepositoryRoot, "src", "SkillRt.Runtime", "SkillRt.Runtime.csproj");
        var (exitCode, output) = await DotnetCli.RunAsync(TestPaths.RepositoryRoot, "pack", runtime, "--no-build", "-c", DotnetCli.Configuration, "-o", feed, "-p:PackageVersion=0.2.0");
        Assert.True(exitCode == 0, output);

        var consumer = Directory.CreateDirectory(Path.Combine(_root.FullName, "consumer")).FullName;
        File.WriteAllText(Path.Combine(consumer, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(consumer, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(consumer, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(_root.FullName, "packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="team" value="{source}" allowInsecureConnections="true" />
                <add key="skillrt-build" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RootNamespace>Consumer</RootNamespace>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), $$""""
            using Consumer.Skills;
            var runner = new CannedRunner("""{"summary":"Fine.","verdict":"approve","findings":[]}""");
            PrReviewOutput review = await PrReviewSkill.RunAsync(runner, new PrReviewInput(new Uri("https://github.com/o/r/pull/1")));
            Console.WriteLine($"{review.Verdict} {review.Findings.Count} {PrReviewSkill.Descriptor.Version}");
            {{PackageTests.CannedRunner}}
            """");

        (exitCode, output) = await DotnetCli.RunAsync(consumer, "add", "package", "pr-review");
        Assert.True(exitCode == 0, output);
        Assert.Contains("Include=\"pr-review\" Version=\"1.1.0\"", File.ReadAllText(Path.Combine(consumer, "Consumer.csproj")), StringComparison.Ordinal);

        (exitCode, output) = await DotnetCli.RunAsync(consumer, "run");
        Assert.True(exitCode == 0, output);
        Assert.EndsWith("Approve 0 1.1.0", output.Trim(), StringComparison.Ordinal);

        // The server counted the downloads, the install's and the restore's (written within a second).
        using var client = server.CreateClient();
        var downloads = 0L;
        for (var deadline = DateTime.UtcNow.AddMinutes(1); downloads < 2 && DateTime.UtcNow < deadline; await Task.Delay(100, TestContext.Current.CancellationToken))
        {
            using var found = JsonDocument.Parse(await client.GetStringAsync("v3/search?q=pr-review", TestContext.Current.CancellationToken));
            downloads = found.RootElement.GetProperty("data").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "pr-review").GetProperty("totalDownloads").GetInt64();
        }

        Assert.True(downloads >= 2, $"{downloads} downloads counted");
    }
}
