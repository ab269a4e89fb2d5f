using System;
using System.IO;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Build.Tests;

/// <summary>Runs the real <c>dotnet build</c> on temporary projects that import build/SkillRt.targets and load the generator, as the package does.</summary>
public sealed class DotnetBuildTests : IDisposable
{
    private readonly DirectoryInfo _project = Directory.CreateTempSubdirectory("skillrt-build-");

    public void Dispose() => _project.Delete(recursive: true);

    [Fact]
    public async Task Build_fails_at_the_skill_file_line_when_a_skill_is_invalid()
    {
        WriteProject();
        WriteSkill("good", "---\nname: good\ndescription: Fine.\nversion: 1.0.0\n---\nBody.\n");
        WriteSkill("bad", "---\nname: bad\ndescription: Broken.\nversion: 1.0\ninputs:\n  - name: n\n    type: int\n---\n{{ n }}\n");

        var (exitCode, output) = await DotnetAsync("build");

        Assert.NotEqual(0, exitCode);
        var badPath = Path.Combine(_project.FullName, "skills", "bad", "SKILL.md");
        Assert.Contains($"{badPath}(4,10): error SKILL0107: '1.0' is not a SemVer 2.0.0 version", output, StringComparison.Ordinal);
        Assert.Contains($"{badPath}(7,11): error SKILL0303: Unknown input type 'int'", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.Combine("skills", "good"), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_build_validates_again_even_when_nothing_looks_newer()
    {
        WriteProject();
        WriteSkill("good", "---\nname: good\ndescription: Fine.\nversion: 1.0.0\n---\nBody.\n");
        var (first, firstOutput) = await DotnetAsync("build");
        Assert.True(first == 0, firstOutput);

        // A broken skill copied in with an old timestamp, as unzip or cp -p leave it.
        WriteSkill("old", "---\nname: old\ndescription: Copied.\nversion: 1.0\n---\nBody.\n");
        File.SetLastWriteTimeUtc(Path.Combine(_project.FullName, "skills", "old", "SKILL.md"), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var (second, secondOutput) = await DotnetAsync("build");

        Assert.NotEqual(0, second);
        Assert.Contains("error SKILL0107", secondOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warnings_as_errors_keep_failing_until_fixed()
    {
        WriteProject();
        WriteSkill("agent", "---\nname: agent\ndescription: No version.\n---\nBody.\n");

        var (first, _) = await DotnetAsync("build", "-p:TreatWarningsAsErrors=true");
        var (second, secondOutput) = await DotnetAsync("build", "-p:TreatWarningsAsErrors=true");

        Assert.NotEqual(0, first);
        Assert.NotEqual(0, second);
        Assert.Contains("SKILL0106", secondOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_succeeds_and_shows_warnings_when_skills_are_valid()
    {
        WriteProject();
        WriteSkill("agent", "---\nname: agent\ndescription: An Agent Skills file without a version.\n---\nBody.\n");

        var (exitCode, output) = await DotnetAsync("build");

        Assert.True(exitCode == 0, output);
        Assert.Contains("warning SKILL0106", output, StringComparison.Ordinal);
    }

    private void WriteProject()
    {
        var tasks = Path.GetDirectoryName(typeof(ValidateSkills).Assembly.Location)!;

        // The generator reports the diagnostics of C# projects: referenced from its build output, as the package does from analyzers/.
        var configuration = DotnetCli.Configuration;
        var generator = Path.Combine(TestPaths.RepositoryRoot, "src", "SkillRt.Generators", "bin", configuration, "netstandard2.0");
        var runtime = Path.Combine(TestPaths.RepositoryRoot, "src", "SkillRt.Runtime", "bin", configuration, "net10.0");
        var targets = Path.Combine(TestPaths.RepositoryRoot, "src", "SkillRt.Build", "build");
        File.WriteAllText(Path.Combine(_project.FullName, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{targets}/SkillRt.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <SkillRtTasksAssembly>{tasks}/SkillRt.Build.dll</SkillRtTasksAssembly>
                <SkillRtTasksOutOfProcess>true</SkillRtTasksOutOfProcess>
              </PropertyGroup>
              <ItemGroup>
                <SkillFile Include="skills/**/SKILL.md" />
                <Analyzer Include="{generator}/SkillRt.Generators.dll;{generator}/SkillRt.Format.dll" />
                <Reference Include="{runtime}/SkillRt.Runtime.dll;{runtime}/SkillRt.Format.dll" />
                <PackageReference Include="Microsoft.Extensions.AI.Abstractions" Version="10.11.0" />
              </ItemGroup>
              <Import Project="{targets}/SkillRt.targets" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(_project.FullName, "Class1.cs"), "namespace Consumer; public static class Class1 { }\n");

        // Keep the temporary project out of the repository's Directory.*.props and central package versions.
        File.WriteAllText(Path.Combine(_project.FullName, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(_project.FullName, "Directory.Packages.props"), "<Project />");
    }

    private void WriteSkill(string name, string text)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_project.FullName, "skills", name));
        File.WriteAllText(Path.Combine(folder.FullName, "SKILL.md"), text);
    }

    private Task<(int ExitCode, string Output)> DotnetAsync(string command, params string[] extra) =>
        DotnetCli.RunAsync(_project.FullName, [command, "-nodeReuse:false", "-p:UseSharedCompilation=false", "-clp:NoSummary", .. extra]);
}
