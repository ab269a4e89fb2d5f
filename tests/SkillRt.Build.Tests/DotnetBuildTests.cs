using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Build.Tests;

/// <summary>Runs the real <c>dotnet build</c> on temporary projects that import build/SkillRt.targets and load the generator, as the package does.</summary>
public sealed class DotnetBuildTests : IDisposable
{
    private readonly DirectoryInfo _project = Directory.CreateTempSubdirectory("skillrt-build-");

    // Where a package is extracted, as in the NuGet cache: outside the project.
    private readonly DirectoryInfo _packageCache = Directory.CreateTempSubdirectory("skillrt-packages-");

    public void Dispose()
    {
        _project.Delete(recursive: true);
        _packageCache.Delete(recursive: true);
    }

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
        WriteSkill("agent", "---\nname: agent\ndescription: No version.\ntags: [demo]\n---\nBody.\n");

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
        WriteSkill("agent", "---\nname: agent\ndescription: A SkillRt skill without a version.\ntags: [demo]\n---\nBody.\n");

        var (exitCode, output) = await DotnetAsync("build");

        Assert.True(exitCode == 0, output);
        Assert.Contains("warning SKILL0106", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_undeclared_template_variable_fails_the_build_instead_of_every_run()
    {
        // Issue 15: a warning at build time, then "'pr_link' is not an input of the skill" on every run.
        WriteProject();
        WriteSkill("review", "---\nname: review\ndescription: Reviews.\nversion: 1.0.0\ninputs:\n  - name: pr_url\n    type: url\n---\nReview {{ pr_link }}.\n");

        var (exitCode, output) = await DotnetAsync("build");

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"{Path.Combine(_project.FullName, "skills", "review", "SKILL.md")}(9,11): error SKILL0701: 'pr_link' is not a declared input", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_obvious_md_glob_builds_a_project_with_a_readme_and_a_changelog()
    {
        // Issue 15: README.md became a prose skill named after the project, and README.md with
        // CHANGELOG.md failed with SKILL1001. Both are prose and not named SKILL.md: not skills.
        WriteProject(skillFiles: "*.md;skills/**/*.md", extra: "<TreatWarningsAsErrors>true</TreatWarningsAsErrors>");
        File.WriteAllText(Path.Combine(_project.FullName, "README.md"), "# Consumer\n\nHow to build it.\n");
        File.WriteAllText(Path.Combine(_project.FullName, "CHANGELOG.md"), "## 1.0.0\n\n- First release.\n");
        File.WriteAllText(Path.Combine(_project.FullName, "triage.md"), "---\nname: triage\ndescription: A structured skill outside a folder.\n---\nTriage it.\n");
        WriteSkill("review", "---\nname: review\ndescription: Reviews.\n---\nReview it.\n");
        Directory.CreateDirectory(Path.Combine(_project.FullName, "skills", "review", "references"));
        File.WriteAllText(Path.Combine(_project.FullName, "skills", "review", "references", "guide.md"), "---\ntitle: A reference with frontmatter, not a skill\n---\nText.\n");
        File.WriteAllText(Path.Combine(_project.FullName, "Class1.cs"), "namespace Consumer; public static class Class1 { public static int Count => Consumer.Skills.SkillCatalog.Descriptors.Count; }\n");

        var (exitCode, output) = await DotnetAsync("build", "-p:EmitCompilerGeneratedFiles=true");

        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("SKILL1001", output, StringComparison.Ordinal);
        // The SKILL0011 infos go to the IDE (csc does not print infos); tests/SkillRt.Generators.Tests checks them.
        var generated = Directory.GetFiles(Path.Combine(_project.FullName, "obj"), "*.g.cs", SearchOption.AllDirectories).Select(path => Path.GetFileName(path).Split('.')[^3] + ".g.cs");
        Assert.Equal(["ReviewSkill.g.cs", "SkillCatalog.g.cs", "TriageSkill.g.cs"], generated.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Errors_only_leaves_warnings_out_and_still_fails_on_errors()
    {
        WriteProject();
        WriteSkill("folder", "---\nname: other-name\ndescription: Name differs from its folder.\nversion: 1.0.0\n---\nBody.\n");

        var (quiet, quietOutput) = await DotnetAsync("build", "-p:SkillErrorsOnly=true", "-p:TreatWarningsAsErrors=true");
        Assert.True(quiet == 0, quietOutput);
        Assert.DoesNotContain("SKILL0103", quietOutput, StringComparison.Ordinal);

        WriteSkill("bad", "---\nname: bad\ndescription: Broken.\nversion: 1.0\n---\nBody.\n");
        var (failed, failedOutput) = await DotnetAsync("build", "-p:SkillErrorsOnly=true");
        Assert.NotEqual(0, failed);
        Assert.Contains("error SKILL0107", failedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_prints_each_warning_once()
    {
        // Issue 15: the generator reported the warning at build, and PackSkills again at pack.
        WriteProject();
        WriteSkill("tagged", "---\nname: tagged\ndescription: Uses a SkillRt key but has no version.\ntags: [demo]\n---\nBody.\n");

        var (exitCode, output) = await DotnetAsync("pack", "-o", Path.Combine(_project.FullName, "out"));

        Assert.True(exitCode == 0, output);
        Assert.Single(output.Split('\n'), line => line.Contains("warning SKILL0106", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Warnings_of_a_packaged_skill_stay_with_its_author_and_no_machine_path_is_baked_in()
    {
        // Issue 15: a consumer with TreatWarningsAsErrors failed on a warning in a file inside the
        // NuGet cache, and Descriptor.SourcePath held that cache path.
        var package = PackLibrary(
            ("noisy", "---\nname: noisy\ndescription: Has warnings its consumers must not see.\nversion: 1.0.0\nruntime:\n  typ: process\noutputs:\n  type: text\n  schema: {type: string}\n---\nBody.\n"));
        WriteProject(extra: "<TreatWarningsAsErrors>true</TreatWarningsAsErrors><OutputType>Exe</OutputType>", packageTargets: Path.Combine(package, "buildTransitive", "Contoso.Skills.targets"));
        File.WriteAllText(Path.Combine(_project.FullName, "Class1.cs"), "System.Console.WriteLine(Consumer.Skills.NoisySkill.Descriptor.SourcePath);\n");

        var (exitCode, output) = await DotnetAsync("build", "-p:EmitCompilerGeneratedFiles=true");
        Assert.True(exitCode == 0, output);
        Assert.DoesNotContain("SKILL0111", output, StringComparison.Ordinal);
        Assert.DoesNotContain("SKILL0404", output, StringComparison.Ordinal);

        var generated = File.ReadAllText(Directory.GetFiles(Path.Combine(_project.FullName, "obj"), "*NoisySkill.g.cs", SearchOption.AllDirectories).Single());
        Assert.Contains("SourcePath = \"skills/noisy/SKILL.md\",", generated, StringComparison.Ordinal);
        Assert.Contains("// Generated by SkillRt from skills/noisy/SKILL.md in the package Contoso.Skills.", generated, StringComparison.Ordinal);
        Assert.DoesNotContain(package, generated, StringComparison.Ordinal);

        // The runner finds a generated skill's folder under the application's folder: the files are there.
        var (runExit, runOutput) = await DotnetCli.RunAsync(_project.FullName, ["run", "--no-build"]);
        Assert.True(runExit == 0, runOutput);
        Assert.Equal("skills/noisy/SKILL.md", runOutput.Trim());
        Assert.Single(Directory.GetFiles(Path.Combine(_project.FullName, "bin"), "SKILL.md", SearchOption.AllDirectories), path => path.EndsWith(Path.Combine("skills", "noisy", "SKILL.md"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_error_in_a_packaged_skill_is_still_reported_and_names_the_package()
    {
        var package = PackLibrary(("broken", "---\nname: broken\ndescription: Fine when packed.\nversion: 1.0.0\n---\nBody.\n"));

        // A package cannot hold an invalid skill (pack refuses it), but its file can be damaged afterwards.
        File.WriteAllText(Path.Combine(package, "skills", "broken", "SKILL.md"), "---\nname: broken\ndescription: Damaged.\nversion: 1.0\n---\nBody.\n");
        WriteProject(packageTargets: Path.Combine(package, "buildTransitive", "Contoso.Skills.targets"));

        var (exitCode, output) = await DotnetAsync("build");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("error SKILL0107: '1.0' is not a SemVer 2.0.0 version", output, StringComparison.Ordinal);
        Assert.Contains("(in a skill of the package Contoso.Skills: report it to the package's author, or leave the package's skills out with <SkillRtExcludePackages>Contoso.Skills</SkillRtExcludePackages>)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_declared_operation_missing_from_an_agent_doc_item_fails_the_build_at_its_line()
    {
        // The agent-doc `skillrt agent-doc from-openapi` writes for the real Resend OpenAPI document.
        var resend = Path.Combine(TestPaths.RepositoryRoot, "..", "shared", "testdata", "openapi", "resend", "resend.yaml");
        var generated = await SkillRt.AgentDoc.OpenApiAgentDocGenerator.GenerateAsync(resend, cancellationToken: TestContext.Current.CancellationToken);
        var version = generated.Document!.Identity.Version;
        var docPath = Path.Combine(_project.FullName, "docs", "resend.agent-doc.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(docPath)!);
        await SkillRt.AgentDoc.AgentDocWriter.WriteAsync(generated.Document, docPath, cancellationToken: TestContext.Current.CancellationToken);

        WriteProject(extra: "<TreatWarningsAsErrors>true</TreatWarningsAsErrors>", agentDocs: "docs/*.agent-doc.yaml");
        var skill = $"---\nname: welcome\ndescription: Writes the request that sends a welcome email.\nversion: 1.0.0\ndependencies:\n  agent-docs:\n    - doc: resend@{version}\n      operations: [emails/send, emails/sendd]\n---\nFind the operation that sends an email.\n";
        WriteSkill("welcome", skill);

        var (failed, failedOutput) = await DotnetAsync("build");

        Assert.NotEqual(0, failed);
        var skillPath = Path.Combine(_project.FullName, "skills", "welcome", "SKILL.md");
        Assert.Contains($"{skillPath}(8,33): error SKILL0506: The agent-doc 'resend' {version} ('docs/resend.agent-doc.yaml') has no operation 'emails/sendd' (closest: emails/send", failedOutput, StringComparison.Ordinal);

        // Fixed, it builds; the agent-doc is an input, so breaking it fails the next build at the agent-doc's line.
        WriteSkill("welcome", skill.Replace(", emails/sendd", string.Empty, StringComparison.Ordinal));
        var (fixedExit, fixedOutput) = await DotnetAsync("build");
        Assert.True(fixedExit == 0, fixedOutput);

        File.WriteAllText(docPath, "agentDoc: \"0.1\"\nidentity:\n  name: resend\n");
        var (broken, brokenOutput) = await DotnetAsync("build");
        Assert.NotEqual(0, broken);
        Assert.Contains($"{docPath}(2,1): error SKILL0508: This AgentDoc item cannot be read, so skills cannot be checked against it: 'identity.version' is missing or not text", brokenOutput, StringComparison.Ordinal);
    }

    /// <summary>
    /// Packs skills with the real PackSkills task and lays the package out as NuGet extracts it into
    /// its cache (a folder outside the project); returns that folder.
    /// </summary>
    private string PackLibrary(params (string Name, string Text)[] skills)
    {
        var source = Directory.CreateDirectory(Path.Combine(_packageCache.FullName, "source")).FullName;
        var root = Directory.CreateDirectory(Path.Combine(_packageCache.FullName, "contoso.skills", "1.0.0")).FullName;
        foreach (var (name, text) in skills)
        {
            Directory.CreateDirectory(Path.Combine(source, name));
            File.WriteAllText(Path.Combine(source, name, "SKILL.md"), text);
        }

        var engine = new RecordingBuildEngine();
        var task = new PackSkills
        {
            BuildEngine = engine,
            Skills = skills.Select(s => new Microsoft.Build.Utilities.TaskItem(Path.Combine(source, s.Name, "SKILL.md"))).ToArray(),
            PackageId = "Contoso.Skills",
            PackageVersion = "1.0.0",
            OutputDirectory = Path.Combine(_packageCache.FullName, "obj"),
        };
        Assert.True(task.Execute(), string.Join("; ", engine.Errors.Select(e => e.Message)));
        foreach (var file in task.PackageFiles)
        {
            var target = Path.Combine(root, file.GetMetadata("PackagePath"));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file.ItemSpec, target);
        }

        return root;
    }

    private void WriteProject(string skillFiles = "skills/**/SKILL.md", string extra = "", string? packageTargets = null, string? agentDocs = null)
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
                {extra}
              </PropertyGroup>
              <ItemGroup>
                <SkillFile Include="{skillFiles}" />
                {(agentDocs is null ? string.Empty : $"<AgentDoc Include=\"{agentDocs}\" />")}
                <Analyzer Include="{generator}/SkillRt.Generators.dll;{generator}/SkillRt.Format.dll" />
                <Reference Include="{runtime}/SkillRt.Runtime.dll;{runtime}/SkillRt.Format.dll" />
                <PackageReference Include="Microsoft.Extensions.AI.Abstractions" Version="10.11.0" />
              </ItemGroup>
              {(packageTargets is null ? string.Empty : $"<Import Project=\"{packageTargets}\" />")}
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
