using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Generators.Tests;

public sealed class SkillGeneratorTests
{
    private const string BadSkill = "---\nname: bad\ndescription: Broken.\nversion: 1.0\ninputs:\n  - name: n\n    type: int\n---\n{{ n }}\n";

    private static (GeneratorDriver Driver, Compilation Compilation) CreateDriver(IReadOnlyDictionary<string, string> files, IReadOnlyDictionary<string, string> itemTypes)
    {
        var compilation = CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText("namespace Consumer; public static class Program { }", cancellationToken: TestContext.Current.CancellationToken)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new SkillGenerator().AsSourceGenerator()],
            files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Key, f.Value)),
            parseOptions: null,
            optionsProvider: new ItemTypeOptionsProvider(itemTypes),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        return (driver, compilation);
    }

    private static ImmutableArray<Diagnostic> Run(IReadOnlyDictionary<string, string> files, IReadOnlyDictionary<string, string> itemTypes)
    {
        var (driver, compilation) = CreateDriver(files, itemTypes);
        return driver.RunGenerators(compilation, TestContext.Current.CancellationToken).GetRunResult().Diagnostics;
    }

    [Fact]
    public void Invalid_skill_reports_errors_at_its_lines()
    {
        var path = "/project/skills/bad/SKILL.md";
        var diagnostics = Run(new Dictionary<string, string> { [path] = BadSkill }, new Dictionary<string, string> { [path] = "SkillFile" });

        Assert.Equal(["SKILL0107", "SKILL0303"], diagnostics.Select(d => d.Id));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        var version = diagnostics[0].Location.GetLineSpan();
        Assert.Equal(path, version.Path);
        Assert.Equal((3, 9), (version.StartLinePosition.Line, version.StartLinePosition.Character));
        Assert.Equal("/project/skills/bad/SKILL.md(4,10): error SKILL0107: '1.0' is not a SemVer 2.0.0 version; write MAJOR.MINOR.PATCH, for example '1.0.0' or '2.1.0-beta.1'",
            diagnostics[0].ToString());
    }

    [Fact]
    public void Locations_point_at_the_same_text_when_roslyn_counts_more_line_breaks()
    {
        // Roslyn breaks lines at U+2028; SkillRt (like YAML) does not. The squiggle must still cover '1.0'.
        var path = "/p/ls/SKILL.md";
        var text = "---\nname: ls\ndescription: \"a\u2028b\"\nversion: 1.0\n---\n";
        var diagnostic = Assert.Single(Run(new Dictionary<string, string> { [path] = text }, new Dictionary<string, string> { [path] = "SkillFile" }));
        Assert.Equal("SKILL0107", diagnostic.Id);
        Assert.Equal("1.0", text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void Only_skill_file_items_are_read()
    {
        var diagnostics = Run(
            new Dictionary<string, string> { ["/p/other.md"] = BadSkill, ["/p/config.json"] = "{}" },
            new Dictionary<string, string> { ["/p/other.md"] = "AdditionalFiles" });
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Examples_produce_only_warnings()
    {
        var files = Directory.GetFiles(TestPaths.Examples, "SKILL.md", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
        var diagnostics = Run(files, files.Keys.ToDictionary(f => f, _ => "SkillFile"));
        Assert.Equal(["SKILL0106"], diagnostics.Select(d => d.Id));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics[0].Severity);
    }

    [Fact]
    public void Braces_in_messages_survive_roslyn_formatting()
    {
        var path = "/p/t/SKILL.md";
        var diagnostics = Run(
            new Dictionary<string, string> { [path] = "---\nname: t\ndescription: d\nversion: 1.0.0\ninputs: []\n---\n{{ missing }}\n" },
            new Dictionary<string, string> { [path] = "SkillFile" });
        Assert.Equal("'{{ missing }}' names no declared input; declare it under 'inputs' or fix the name", Assert.Single(diagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Editing_csharp_code_does_no_skill_work()
    {
        var path = "/project/skills/bad/SKILL.md";
        var (driver, compilation) = CreateDriver(new Dictionary<string, string> { [path] = BadSkill }, new Dictionary<string, string> { [path] = "SkillFile" });
        driver = driver.RunGenerators(compilation, TestContext.Current.CancellationToken);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Consumer; public static class Added { }", cancellationToken: TestContext.Current.CancellationToken));
        var result = driver.RunGenerators(edited, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        foreach (var step in new[] { TrackingNames.SkillFiles, TrackingNames.SkillSpecs })
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs);
            Assert.All(outputs, output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
        }
    }

    [Fact]
    public void Skill_specs_are_value_equal_across_runs()
    {
        var path = "/p/x/SKILL.md";
        var first = SkillFileReader.Read(new InMemoryAdditionalText(path, BadSkill), TestContext.Current.CancellationToken);
        var second = SkillFileReader.Read(new InMemoryAdditionalText(path, BadSkill), TestContext.Current.CancellationToken);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }
}
