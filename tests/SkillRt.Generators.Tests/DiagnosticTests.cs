using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Generators.Tests;

/// <summary>Every diagnostic lands at its SKILL.md line and column, and nothing crashes the compiler.</summary>
public sealed class DiagnosticTests
{
    private const string BadSkill = "---\nname: bad\ndescription: Broken.\nversion: 1.0\ninputs:\n  - name: n\n    type: int\n---\n{{ n }}\n";

    private static string Skill(string name, string extra = "") =>
        $"---\nname: {name}\ndescription: A skill.\nversion: 1.0.0\n{extra}inputs:\n  - name: text\n    required: true\n---\nUse {{{{ text }}}}.\n";

    [Fact]
    public void Invalid_skill_reports_errors_at_its_lines_and_generates_nothing()
    {
        var path = "/project/skills/bad/SKILL.md";
        var result = new GeneratorHarness().AddSkill(path, BadSkill).Run();

        Assert.Equal(["SKILL0107", "SKILL0303"], result.Diagnostics.Select(d => d.Id));
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        var version = result.Diagnostics[0].Location.GetLineSpan();
        Assert.Equal(path, version.Path);
        Assert.Equal((3, 9), (version.StartLinePosition.Line, version.StartLinePosition.Character));
        Assert.Equal(
            "/project/skills/bad/SKILL.md(4,10): error SKILL0107: '1.0' is not a SemVer 2.0.0 version; write MAJOR.MINOR.PATCH, for example '1.0.0' or '2.1.0-beta.1'",
            result.Diagnostics[0].ToString());
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void Locations_point_at_the_same_text_when_roslyn_counts_more_line_breaks()
    {
        // Roslyn breaks lines at U+2028; SkillRt (like YAML) does not. The squiggle must still cover '1.0'.
        var path = "/p/ls/SKILL.md";
        var text = "---\nname: ls\ndescription: \"a\u2028b\"\nversion: 1.0\n---\n";
        var diagnostic = Assert.Single(new GeneratorHarness().AddSkill(path, text).Diagnostics());
        Assert.Equal("SKILL0107", diagnostic.Id);
        Assert.Equal("1.0", text.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public void Only_skill_file_items_are_read()
    {
        var result = new GeneratorHarness()
            .AddFile(new InMemoryAdditionalText("/p/other.md", BadSkill), ("SourceItemType", "AdditionalFiles"))
            .AddFile(new InMemoryAdditionalText("/p/config.json", "{}"))
            .Run();
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void Examples_produce_no_diagnostics()
    {
        var harness = new GeneratorHarness();
        foreach (var file in Directory.GetFiles(TestPaths.Examples, "SKILL.md", SearchOption.AllDirectories))
        {
            harness.AddSkill(file, File.ReadAllText(file));
        }

        // The Agent Skills example (csv-summary) has no version, which is not reported (issue 15).
        Assert.Empty(harness.Diagnostics());
    }

    [Fact]
    public void Braces_in_messages_survive_roslyn_formatting()
    {
        var diagnostics = new GeneratorHarness().AddSkill("/p/t/SKILL.md", "---\nname: t\ndescription: d\nversion: 1.0.0\ninputs: []\n---\n{{ missing }}\n").Diagnostics();
        Assert.Equal("'missing' is not a declared input, so every run that renders it fails; declare it under 'inputs' or fix the name", Assert.Single(diagnostics).GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Two_skills_with_the_same_type_names_fail_at_the_second_name()
    {
        var result = new GeneratorHarness()
            .AddSkill("/project/b/review/SKILL.md", Skill("review"))
            .AddSkill("/project/a/review/SKILL.md", Skill("review"))
            .Run();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("SKILL1001", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal("/project/b/review/SKILL.md", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(1, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("'Consumer.Skills.ReviewSkill', which '/project/a/review/SKILL.md' already generates", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        // The skill that sorts first still generates, and the catalogue lists it alone.
        Assert.Equal(["Consumer.Skills.ReviewSkill.g.cs", "SkillCatalog.g.cs"], result.GeneratedTrees.Select(t => Path.GetFileName(t.FilePath)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generated_types_of_different_skills_clash_too()
    {
        // Skill 'pr' with input enum 'review-input' wants the type PrReviewInput, which skill 'pr-review' also wants.
        var result = new GeneratorHarness()
            .AddSkill("/project/pr-review/SKILL.md", Skill("pr-review"))
            .AddSkill("/project/pr/SKILL.md", "---\nname: pr\ndescription: d\nversion: 1.0.0\ninputs:\n  - name: review-input\n    enum: [a, b]\n---\n{{ review-input }}\n")
            .Run();
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SKILL1001", diagnostic.Id);
        Assert.Contains("'Consumer.Skills.PrReviewInput'", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Namespace_and_class_name_metadata_rename_the_generated_code_and_keywords_are_escaped()
    {
        var (result, diagnostics) = new GeneratorHarness()
            .AddSkill("/project/review/SKILL.md", Skill("review"), ("Namespace", "My.Tools"), ("ClassName", "Reviewer"))
            .AddSkill("/project/other/SKILL.md", Skill("other"), ("Namespace", "event.class"), ("ClassName", "record"))
            .Compile();

        AssertNoProblems(diagnostics);
        var sources = result.GeneratedTrees.Select(t => t.GetText(GeneratorHarness.CancellationToken).ToString()).ToList();
        Assert.Contains(sources, s => s.Contains("namespace My.Tools", StringComparison.Ordinal) && s.Contains("static partial class Reviewer", StringComparison.Ordinal) && s.Contains("sealed partial record ReviewerInput(", StringComparison.Ordinal));
        Assert.Contains(sources, s => s.Contains("namespace @event.@class", StringComparison.Ordinal) && s.Contains("static partial class @record", StringComparison.Ordinal));
    }

    [Fact]
    public void Visibility_metadata_makes_the_generated_types_public()
    {
        var result = new GeneratorHarness().AddSkill("/project/review/SKILL.md", Skill("review"), ("Visibility", "public")).Run();
        var source = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("ReviewSkill.g.cs", StringComparison.Ordinal)).GetText(GeneratorHarness.CancellationToken).ToString();
        Assert.Contains("public static partial class ReviewSkill", source, StringComparison.Ordinal);
        Assert.Contains("public sealed partial record ReviewInput(", source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Namespace", "1bad", "The Namespace metadata '1bad' of this SkillFile item is not a valid C# namespace")]
    [InlineData("Namespace", "a..b", "The Namespace metadata 'a..b' of this SkillFile item is not a valid C# namespace")]
    [InlineData("ClassName", "Has Space", "The ClassName metadata 'Has Space' of this SkillFile item is not a valid C# identifier")]
    public void Invalid_metadata_is_an_error_naming_the_item(string metadata, string value, string message)
    {
        var result = new GeneratorHarness().AddSkill("/project/review/SKILL.md", Skill("review"), (metadata, value)).Run();
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("SKILL1003", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.StartsWith(message, diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void An_invalid_root_namespace_is_made_valid()
    {
        var (result, diagnostics) = new GeneratorHarness()
            .WithGlobal("build_property.RootNamespace", "My-App.2go")
            .AddSkill("/project/review/SKILL.md", Skill("review"))
            .Compile();
        AssertNoProblems(diagnostics);
        Assert.Contains(result.GeneratedTrees, t => t.GetText(GeneratorHarness.CancellationToken).ToString().Contains("namespace My_App._2go.Skills", StringComparison.Ordinal));
    }

    [Fact]
    public void A_schema_csharp_cannot_express_exactly_is_an_info_at_its_line_and_a_checked_json_element()
    {
        var text = "---\nname: any\ndescription: d\nversion: 1.0.0\ninputs: []\noutputs:\n  type: json\n  schema:\n    type: object\n    properties:\n      either:\n        anyOf: [{type: string}, {type: integer}]\n      several:\n        type: [string, integer]\n---\nGo.\n";
        var (result, diagnostics) = new GeneratorHarness().AddSkill("/project/any/SKILL.md", text).Compile();

        var fallbacks = result.Diagnostics.Where(d => d.Id == "SKILL1002").ToList();
        Assert.Equal(2, fallbacks.Count);
        Assert.All(fallbacks, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        Assert.Equal([11, 13], fallbacks.Select(d => d.Location.GetLineSpan().StartLinePosition.Line));
        Assert.Contains("'#/properties/either'", fallbacks[0].GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var source = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("AnySkill.g.cs", StringComparison.Ordinal)).GetText(GeneratorHarness.CancellationToken).ToString();
        Assert.Contains("public global::System.Text.Json.JsonElement? Either { get; init; }", source, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exception_inside_the_generator_is_one_located_error_not_a_crash()
    {
        var result = new GeneratorHarness()
            .AddFile(new ThrowingAdditionalText("/project/boom/SKILL.md"), ("SourceItemType", "SkillFile"))
            .AddSkill("/project/fine/SKILL.md", Skill("fine"))
            .Run();

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("SKILL9999", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal("/project/boom/SKILL.md", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("InvalidDataException: disk on fire", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Null(result.Results.Single().Exception);
        Assert.Contains(result.GeneratedTrees, t => t.FilePath.EndsWith("FineSkill.g.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Skills_without_the_runtime_referenced_are_one_clear_error_and_no_code()
    {
        var result = new GeneratorHarness().WithoutRuntime().AddSkill("/project/review/SKILL.md", Skill("review")).Run();
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("SKILL1005", DiagnosticSeverity.Error), (diagnostic.Id, diagnostic.Severity));
        Assert.Equal(Location.None, diagnostic.Location);
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void An_unreadable_file_is_one_located_error()
    {
        var diagnostic = Assert.Single(new GeneratorHarness().AddFile(new NullAdditionalText("/project/gone/SKILL.md"), ("SourceItemType", "SkillFile")).Diagnostics());
        Assert.Equal("SKILL9999", diagnostic.Id);
        Assert.Contains("could not read '/project/gone/SKILL.md'", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_generator_diagnostic_is_documented_with_its_title_and_severity()
    {
        var catalogue = File.ReadAllText(Path.Combine(TestPaths.Spec, "diagnostics.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        foreach (var descriptor in GeneratorDiagnostics.All)
        {
            var heading = $"<a id=\"{descriptor.Id.ToLowerInvariant()}\"></a>\n\n### {descriptor.Id}: {descriptor.Title}\n\nSeverity: {descriptor.DefaultSeverity.ToString().ToLowerInvariant()}\n";
            Assert.Contains(heading, catalogue, StringComparison.Ordinal);
            Assert.Equal(SkillDiagnosticHelp.LinkFor(descriptor.Id), descriptor.HelpLinkUri);
        }

        // The format's diagnostics, reported by the generator, link to their entries too.
        Assert.All(SkillDiagnosticDescriptors.All, d => Assert.Equal(d.HelpLink, SkillDiagnosticDescriptorMap.Get(d.Id).HelpLinkUri));
    }

    internal static void AssertNoProblems(System.Collections.Generic.IEnumerable<Diagnostic> diagnostics)
    {
        var problems = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private sealed class ThrowingAdditionalText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => throw new InvalidDataException("disk on fire");
    }

    private sealed class NullAdditionalText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) => null;
    }
}
