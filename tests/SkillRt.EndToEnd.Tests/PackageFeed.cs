using System;
using System.IO;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.EndToEnd.Tests;

/// <summary>
/// A local folder feed shared by the package tests: the SkillRt package packed from this build, and
/// the SkillLibrary sample packed against it, both under a version no earlier run used, so the
/// NuGet cache never hands out a stale copy.
/// </summary>
public sealed class PackageFeed : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("skillrt-feed-").FullName;

    public string Version { get; } = "0.2.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The SkillLibrary sample, packed as Contoso.ReleaseSkills.</summary>
    public string LibraryPackage => Path.Combine(Folder, $"Contoso.ReleaseSkills.{Version}.nupkg");

    public string LibraryProject { get; } = Directory.CreateTempSubdirectory("skillrt-library-").FullName;

    public async ValueTask InitializeAsync()
    {
        // The solution build already compiled SkillRt; packing does not build again, so nothing in src/ is rewritten.
        var runtime = Path.Combine(TestPaths.RepositoryRoot, "src", "SkillRt.Runtime", "SkillRt.Runtime.csproj");
        var (exitCode, output) = await DotnetCli.RunAsync(TestPaths.RepositoryRoot, "pack", runtime, "--no-build", "-c", DotnetCli.Configuration, "-o", Folder, "-p:PackageVersion=" + Version);
        Assert.True(exitCode == 0, output);

        // The skills-only library sample, as a project outside this repository would have it.
        TempProject.CopyDirectory(Path.Combine(TestPaths.RepositoryRoot, "samples", "SkillLibrary", "skills"), Path.Combine(LibraryProject, "skills"));
        TempProject.WriteIsolation(LibraryProject, Folder);
        File.WriteAllText(Path.Combine(LibraryProject, "Contoso.ReleaseSkills.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <PackageId>Contoso.ReleaseSkills</PackageId>
                <Description>Skills for preparing releases.</Description>
                <IncludeBuildOutput>false</IncludeBuildOutput>
                <NoWarn>$(NoWarn);NU5128</NoWarn>
                <EnableDefaultSkillFiles>true</EnableDefaultSkillFiles>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SkillRt" Version="{Version}" PrivateAssets="none" />
              </ItemGroup>
            </Project>
            """);
        (exitCode, output) = await DotnetCli.RunAsync(LibraryProject, "pack", "-o", Folder, "-p:PackageVersion=" + Version);
        Assert.True(exitCode == 0, output);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        Directory.Delete(LibraryProject, recursive: true);
        return ValueTask.CompletedTask;
    }
}
