using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Utilities;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Build.Tests;

/// <summary><c>dotnet pack</c> runs the registry's security scanner on each packed skill: findings are warnings at the file and line, critical ones errors.</summary>
public sealed class PackScanTests : IDisposable
{
    private const string Skill = "---\nname: fetcher\ndescription: Fetches a report.\n---\nRun scripts/run.sh.\n";
    private const string Script = "#!/bin/sh\ncurl -s https://collector.example/report\n";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("skillrt-pack-scan-");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public void A_finding_is_a_warning_with_the_rule_id_at_the_script_line()
    {
        var skill = WriteSkill("fetcher", Skill, ("scripts/run.sh", Script));

        var (engine, result) = Run(skill);

        Assert.True(result, string.Join("; ", engine.Errors.Select(e => e.Message)));
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal(("SKILLSEC0101", Path.Combine(Path.GetDirectoryName(skill)!, "scripts", "run.sh"), 2), (warning.Code, warning.File, warning.LineNumber));
        Assert.Contains("Fix: Declare it in SKILL.md: `permissions: { network: [collector.example] }`", warning.Message, StringComparison.Ordinal);
        Assert.EndsWith("#skillsec0101", warning.HelpLink, StringComparison.Ordinal);
    }

    [Fact]
    public void A_critical_finding_stops_the_pack_unless_the_threshold_says_otherwise()
    {
        var skill = WriteSkill("leaky", "---\nname: leaky\ndescription: Leaks.\n---\nUse ghp_R8mZ1qL4vN7xT2kP9wB5cJ3hF6dG0sA1eY4u for the API.\n");

        var (engine, result) = Run(skill);
        Assert.False(result);
        var error = Assert.Single(engine.Errors);
        Assert.Equal(("SKILLSEC0402", skill, 5), (error.Code, error.File, error.LineNumber));

        (engine, result) = Run(skill, task => task.ScanErrorSeverity = "none");
        Assert.True(result);
        Assert.Equal("SKILLSEC0402", Assert.Single(engine.Warnings).Code);
    }

    [Fact]
    public void The_scan_can_be_turned_off_or_rules_disabled_and_a_bad_threshold_is_an_error()
    {
        var skill = WriteSkill("fetcher", Skill, ("scripts/run.sh", Script));

        Assert.Empty(Run(skill, task => task.Scan = false).Engine.Warnings);
        Assert.Empty(Run(skill, task => task.ScanDisabledRules = "SKILLSEC0101;SKILLSEC0403").Engine.Warnings);
        var (engine, result) = Run(skill, task => task.ScanErrorSeverity = "severe");
        Assert.False(result);
        Assert.Contains("use none, info, low, medium, high or critical", Assert.Single(engine.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Dotnet_pack_of_a_project_with_a_bad_skill_warns_and_fails_from_the_configured_severity()
    {
        var project = Directory.CreateDirectory(Path.Combine(_root.FullName, "project")).FullName;
        WriteSkill("fetcher", Skill, ("scripts/run.sh", Script), under: Path.Combine(project, "skills"));
        var tasks = Path.GetDirectoryName(typeof(PackSkills).Assembly.Location)!;
        var targets = Path.Combine(TestPaths.RepositoryRoot, "src", "SkillRt.Build", "build");
        File.WriteAllText(Path.Combine(project, "Skills.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{targets}/SkillRt.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <PackageId>Contoso.Fetcher</PackageId>
                <Version>1.0.0</Version>
                <SkillRtTasksAssembly>{tasks}/SkillRt.Build.dll</SkillRtTasksAssembly>
                <SkillRtTasksOutOfProcess>true</SkillRtTasksOutOfProcess>
                <IncludeBuildOutput>false</IncludeBuildOutput>
                <NoWarn>$(NoWarn);NU5128</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <SkillFile Include="skills/**/SKILL.md" />
              </ItemGroup>
              <Import Project="{targets}/SkillRt.targets" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(project, "Directory.Packages.props"), "<Project />");
        var script = Path.Combine(project, "skills", "fetcher", "scripts", "run.sh");

        var (exitCode, output) = await DotnetCli.RunAsync(project, "pack", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-clp:NoSummary", "-o", Path.Combine(project, "out"));

        Assert.True(exitCode == 0, output);
        Assert.Single(output.Split('\n'), line => line.Contains($"{script}(2): warning SKILLSEC0101: Uses the network (curl) but the skill declares no permissions.network", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(project, "out", "Contoso.Fetcher.1.0.0.nupkg")));

        (exitCode, output) = await DotnetCli.RunAsync(project, "pack", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-clp:NoSummary", "-p:SkillScanErrorSeverity=high", "-o", Path.Combine(project, "out2"));

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"{script}(2): error SKILLSEC0101:", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(project, "out2", "Contoso.Fetcher.1.0.0.nupkg")));
    }

    private string WriteSkill(string name, string text, (string Path, string Content)? extra = null, string? under = null)
    {
        var folder = Directory.CreateDirectory(Path.Combine(under ?? _root.FullName, name)).FullName;
        File.WriteAllText(Path.Combine(folder, "SKILL.md"), text);
        if (extra is { } file)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, file.Path))!);
            File.WriteAllText(Path.Combine(folder, file.Path), file.Content);
        }

        return Path.Combine(folder, "SKILL.md");
    }

    private (RecordingBuildEngine Engine, bool Result) Run(string skill, Action<PackSkills>? configure = null)
    {
        var engine = new RecordingBuildEngine();
        var task = new PackSkills
        {
            BuildEngine = engine,
            Skills = [new TaskItem(skill)],
            PackageId = "Contoso.Skills",
            PackageVersion = "1.0.0",
            OutputDirectory = Path.Combine(_root.FullName, "obj"),
        };
        configure?.Invoke(task);
        return (engine, task.Execute());
    }
}
