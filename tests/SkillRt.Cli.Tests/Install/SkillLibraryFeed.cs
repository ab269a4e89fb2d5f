using System;
using System.IO;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests.Install;

/// <summary>
/// A local folder feed holding the real package of samples/SkillLibrary (Contoso.ReleaseSkills, with
/// the skill release-notes 0.2.0), made once per test class by <c>dotnet pack</c>. The referenced
/// projects were built with this test project, so the pack builds only the sample
/// (<c>BuildProjectReferences=false</c>) and never rewrites anything under src/ while tests run. The
/// tasks are the net8.0 build, the one building the CLI always produces (SkillRt.Runtime references
/// SkillRt.Build), so the pack runs the PackSkills of this very tree.
/// </summary>
public sealed class SkillLibraryFeed : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("skillrt-cli-feed-").FullName;

    /// <summary>The packed sample.</summary>
    public string Package => Path.Combine(Folder, "Contoso.ReleaseSkills.0.2.0.nupkg");

    public async ValueTask InitializeAsync()
    {
        var project = Path.Combine(TestPaths.RepositoryRoot, "samples", "SkillLibrary", "SkillLibrary.csproj");
        var tasks = Path.Combine(TestPaths.RepositoryRoot, "src", "SkillRt.Build", "bin", DotnetCli.Configuration, "net8.0", "SkillRt.Build.dll");
        var (exitCode, output) = await DotnetCli.RunAsync(
            TestPaths.RepositoryRoot,
            "pack", project, "-c", DotnetCli.Configuration, "-o", Folder,
            "--no-dependencies", "-p:BuildProjectReferences=false", "-p:PackageVersion=0.2.0",
            "-p:SkillRtTasksAssembly=" + tasks, "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Assert.True(exitCode == 0, output);
        Assert.True(File.Exists(Package), $"dotnet pack did not write {Package}:\n{output}");
    }

    /// <summary>A NuGet.config in <paramref name="directory"/> whose only feed is this folder.</summary>
    public void WriteNuGetConfig(string directory) => WriteNuGetConfig(directory, $"""<add key="skills" value="{Folder}" />""");

    /// <summary>A NuGet.config in <paramref name="directory"/> that clears every inherited feed and lists <paramref name="sources"/>.</summary>
    public static void WriteNuGetConfig(string directory, string sources) =>
        File.WriteAllText(Path.Combine(directory, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                {sources}
              </packageSources>
            </configuration>
            """);

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
