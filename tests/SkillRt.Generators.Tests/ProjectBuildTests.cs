using System;
using System.IO;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Generators.Tests;

/// <summary>
/// Runs the real <c>dotnet build</c> on temporary projects that reference the generator and the
/// runtime as project references, the way a project inside this repository would. The referenced
/// projects were built with the solution, so each build uses --no-dependencies and never writes
/// into src/ while other tests run.
/// </summary>
public sealed class ProjectBuildTests : IDisposable
{
    private const string CannedReview = """{"summary":"Looks fine.","verdict":"comment","findings":[{"file":"a.cs","line":3,"severity":"minor","message":"Name it better."}]}""";

    private readonly DirectoryInfo _project = Directory.CreateTempSubdirectory("skillrt-generator-");

    public void Dispose() => _project.Delete(recursive: true);

    [Fact]
    public async Task A_console_app_compiles_the_example_and_runs_it_with_a_test_runner()
    {
        WriteProject("Exe", string.Empty);
        CopySkill(Path.Combine(TestPaths.Examples, "pr-review"));
        File.WriteAllText(Path.Combine(_project.FullName, "Program.cs"), $$""""
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Demo.Skills;
using SkillRt;

PrReviewOutput review = await PrReviewSkill.RunAsync(new CannedRunner(), new PrReviewInput(new Uri("https://github.com/o/r/pull/1")) { Focus = PrReviewFocus.Security });
Console.WriteLine($"{review.Verdict} {review.Findings.Count} {review.Findings[0].Severity} {review.Findings[0].Line}");
Console.WriteLine(string.Join(",", SkillCatalog.Descriptors[0].Tags));

sealed class CannedRunner : ISkillRunner
{
    public Task<SkillRunResult<TOutput>> RunAsync<TInput, TOutput>(SkillContract<TInput, TOutput> skill, TInput input, SkillRunOptions? options = null, CancellationToken cancellationToken = default)
        where TInput : notnull
    {
        Console.WriteLine(skill.SerializeInput(input).GetRawText());
        if (!skill.TryReadOutput("""{{CannedReview}}""", out var output, out var violations))
        {
            throw new SkillOutputException("", violations, skill.Descriptor.Name);
        }

        return Task.FromResult(new SkillRunResult<TOutput>(output, new SkillRunReport { SkillName = skill.Descriptor.Name }));
    }

    public IAsyncEnumerable<SkillRunUpdate<TOutput>> RunStreamingAsync<TInput, TOutput>(SkillContract<TInput, TOutput> skill, TInput input, SkillRunOptions? options = null, CancellationToken cancellationToken = default)
        where TInput : notnull =>
        throw new NotSupportedException();
}
"""");

        var (buildExit, buildOutput) = await DotnetAsync("build");
        Assert.True(buildExit == 0, buildOutput);
        Assert.Contains("0 Warning(s)", buildOutput, StringComparison.Ordinal);

        var (runExit, runOutput) = await DotnetAsync("run", "--no-build");
        Assert.True(runExit == 0, runOutput);
        Assert.Equal(
            ["""{"pr_url":"https://github.com/o/r/pull/1","focus":"security","max_findings":20,"include_nits":false}""", "Comment 1 Minor 3", "code-review,github"],
            runOutput.Trim().Split('\n', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task An_invalid_skill_fails_the_build_at_its_line()
    {
        WriteProject("Library", string.Empty);
        CopySkill(Path.Combine(TestPaths.Examples, "pr-review"));
        Directory.CreateDirectory(Path.Combine(_project.FullName, "skills", "bad"));
        File.WriteAllText(Path.Combine(_project.FullName, "skills", "bad", "SKILL.md"), "---\nname: bad\ndescription: Broken.\nversion: 1.0\ninputs:\n  - name: n\n    type: int\n---\n{{ n }}\n");

        var (exitCode, output) = await DotnetAsync("build");

        Assert.NotEqual(0, exitCode);
        var bad = Path.Combine(_project.FullName, "skills", "bad", "SKILL.md");
        Assert.Contains($"{bad}(4,10): error SKILL0107: '1.0' is not a SemVer 2.0.0 version", output, StringComparison.Ordinal);
        Assert.Contains($"{bad}(7,11): error SKILL0303: Unknown input type 'int'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("error CS", output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8785", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generated_code_is_clean_in_an_aot_compatible_project_without_reflection()
    {
        WriteProject("Library", """
    <IsAotCompatible>true</IsAotCompatible>
    <JsonSerializerIsReflectionEnabledByDefault>false</JsonSerializerIsReflectionEnabledByDefault>
    <GenerateDocumentationFile>true</GenerateDocumentationFile>
    <!-- Skills/nested uses anyOf on purpose. -->
    <NoWarn>$(NoWarn);SKILL0403;SKILL1002</NoWarn>
""",
            visibility: "public");
        CopySkill(Path.Combine(TestPaths.Examples, "pr-review"));
        foreach (var folder in Directory.GetDirectories(Path.Combine(TestPaths.RepositoryRoot, "tests", "SkillRt.Generators.Tests", "Skills")))
        {
            CopySkill(folder);
        }

        var (exitCode, output) = await DotnetAsync("build");

        Assert.True(exitCode == 0, output);
        Assert.Contains("0 Warning(s)", output, StringComparison.Ordinal);
    }

    private void WriteProject(string outputType, string properties, string visibility = "internal")
    {
        var source = Path.Combine(TestPaths.RepositoryRoot, "src");
        File.WriteAllText(Path.Combine(_project.FullName, "Demo.csproj"), $"""
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>{outputType}</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <RootNamespace>Demo</RootNamespace>
{properties}  </PropertyGroup>
  <ItemGroup>
    <CompilerVisibleItemMetadata Include="AdditionalFiles" MetadataName="SourceItemType" />
    <CompilerVisibleItemMetadata Include="AdditionalFiles" MetadataName="Namespace" />
    <CompilerVisibleItemMetadata Include="AdditionalFiles" MetadataName="ClassName" />
    <CompilerVisibleItemMetadata Include="AdditionalFiles" MetadataName="Visibility" />
    <CompilerVisibleProperty Include="RootNamespace" />
    <CompilerVisibleProperty Include="ProjectDir" />
    <AdditionalFiles Include="skills/**/SKILL.md" SourceItemType="SkillFile" Visibility="{visibility}" />
  </ItemGroup>
  <ItemGroup>
    <ProjectReference Include="{source}/SkillRt.Runtime/SkillRt.Runtime.csproj" />
    <ProjectReference Include="{source}/SkillRt.Format/SkillRt.Format.csproj" />
    <ProjectReference Include="{source}/SkillRt.Generators/SkillRt.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <ProjectReference Include="{source}/SkillRt.Format/SkillRt.Format.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" SetTargetFramework="TargetFramework=netstandard2.0" />
  </ItemGroup>
</Project>
""");
    }

    private void CopySkill(string folder)
    {
        var target = Path.Combine(_project.FullName, "skills", Path.GetFileName(folder));
        Directory.CreateDirectory(target);
        File.Copy(Path.Combine(folder, "SKILL.md"), Path.Combine(target, "SKILL.md"));
    }

    // The referenced projects were built in this test's configuration; --no-dependencies keeps this build out of src/.
    private Task<(int ExitCode, string Output)> DotnetAsync(params string[] arguments) =>
        DotnetCli.RunAsync(_project.FullName, [.. arguments, "-c", DotnetCli.Configuration, .. arguments[0] == "build" ? ["--no-dependencies"] : Array.Empty<string>()]);
}
