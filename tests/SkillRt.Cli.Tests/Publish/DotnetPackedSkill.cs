using System;
using System.IO;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests.Publish;

/// <summary>
/// The package <c>dotnet pack</c> makes of one skill, to hold <c>skillrt publish</c> to: a project like
/// samples/SkillLibrary (SkillRt.props/targets, <c>&lt;SkillFile Include="skills/**/SKILL.md" /&gt;</c>,
/// <c>IncludeBuildOutput</c> false, SkillRt referenced with <c>PrivateAssets="none"</c>) whose package
/// properties are what publish takes from the skill: <c>PackageId</c> the name, <c>Version</c>,
/// <c>Description</c>, <c>Authors</c>, <c>PackageLicenseExpression</c> and <c>PackageTags</c>. It lives in
/// a temporary folder, outside the repository's Directory.Build.props (whose Authors and license would
/// leak in), and references SkillRt's projects by full path; like <see cref="Install.SkillLibraryFeed"/>
/// it builds none of them (<c>BuildProjectReferences=false</c>) and uses the tasks of this very tree.
/// </summary>
public sealed class DotnetPackedSkill : IAsyncLifetime
{
    public const string Name = "release-notes";

    public const string Version = "1.3.0";

    public const string Description = "Writes release notes from the pull requests merged since the last release, grouped by kind.";

    /// <summary>What dotnet pack's nuspec and publish's must both stamp on every entry (DotnetCli sets it for the pack).</summary>
    public const string SourceDateEpoch = "1700000000";

    public string Root { get; } = Directory.CreateTempSubdirectory("skillrt-publish-pack-").FullName;

    /// <summary>The skill folder, <c>skills/release-notes/</c> of the project.</summary>
    public string SkillFolder => Path.Combine(Root, "project", "skills", Name);

    /// <summary>The package dotnet pack made.</summary>
    public string Package => Path.Combine(Root, "packed", $"{Name}.{Version}.nupkg");

    /// <summary>The skill: samples/SkillLibrary's release-notes with authors, a license and a script added, so every field and folder publish maps is exercised.</summary>
    public static string SkillText { get; } = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "samples", "SkillLibrary", "skills", "release-notes", "SKILL.md"))
        .Replace("version: 0.2.0\n", $"version: {Version}\nauthors: [Contoso, Fabrikam Release Team]\nlicense: MIT OR Apache-2.0\n", StringComparison.Ordinal);

    public async ValueTask InitializeAsync()
    {
        Assert.Contains("authors:", SkillText, StringComparison.Ordinal);
        var sample = Path.Combine(TestPaths.RepositoryRoot, "samples", "SkillLibrary", "skills", Name);
        Directory.CreateDirectory(Path.Combine(SkillFolder, "references"));
        Directory.CreateDirectory(Path.Combine(SkillFolder, "scripts", "lib"));
        await File.WriteAllTextAsync(Path.Combine(SkillFolder, "SKILL.md"), SkillText, TestContext.Current.CancellationToken);
        File.Copy(Path.Combine(sample, "references", "style.md"), Path.Combine(SkillFolder, "references", "style.md"));
        await File.WriteAllTextAsync(Path.Combine(SkillFolder, "scripts", "lib", "merged.sh"), "#!/bin/sh\ngh pr list --state merged\n", TestContext.Current.CancellationToken);

        var src = Path.Combine(TestPaths.RepositoryRoot, "src");
        var tasks = Path.Combine(src, "SkillRt.Build", "bin", DotnetCli.Configuration, "net8.0", "SkillRt.Build.dll");
        var project = Path.Combine(Root, "project", Name + ".csproj");
        await File.WriteAllTextAsync(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{src}/SkillRt.Build/build/SkillRt.props" />
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <PackageId>{Name}</PackageId>
                <Version>{Version}</Version>
                <Description>{Description}</Description>
                <Authors>Contoso;Fabrikam Release Team</Authors>
                <PackageLicenseExpression>MIT OR Apache-2.0</PackageLicenseExpression>
                <PackageTags>release;github</PackageTags>
                <IncludeBuildOutput>false</IncludeBuildOutput>
                <NoWarn>$(NoWarn);NU5128</NoWarn>
                <SkillRtTasksAssembly>{tasks}</SkillRtTasksAssembly>
                <SkillRtTasksOutOfProcess>true</SkillRtTasksOutOfProcess>
              </PropertyGroup>
              <ItemGroup>
                <SkillFile Include="skills/**/SKILL.md" />
                <ProjectReference Include="{src}/SkillRt.Runtime/SkillRt.Runtime.csproj" PrivateAssets="none" />
                <ProjectReference Include="{src}/SkillRt.Format/SkillRt.Format.csproj" PrivateAssets="all" />
                <ProjectReference Include="{src}/SkillRt.Generators/SkillRt.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" PrivateAssets="all" />
                <ProjectReference Include="{src}/SkillRt.Format/SkillRt.Format.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" SetTargetFramework="TargetFramework=netstandard2.0" PrivateAssets="all" />
                <ProjectReference Include="{src}/SkillRt.Build/SkillRt.Build.csproj" ReferenceOutputAssembly="false" PrivateAssets="all" />
              </ItemGroup>
              <Import Project="{src}/SkillRt.Build/build/SkillRt.targets" />
            </Project>
            """, TestContext.Current.CancellationToken);

        var (exitCode, output) = await DotnetCli.RunAsync(
            Root,
            "pack", project, "-c", DotnetCli.Configuration, "-o", Path.Combine(Root, "packed"),
            "--no-dependencies", "-p:BuildProjectReferences=false", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Assert.True(exitCode == 0, output);
        Assert.True(File.Exists(Package), $"dotnet pack did not write {Package}:\n{output}");
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return ValueTask.CompletedTask;
    }
}
