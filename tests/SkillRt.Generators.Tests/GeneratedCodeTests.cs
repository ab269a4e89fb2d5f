using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.Generators.Tests.Skills;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Generators.Tests;

/// <summary>
/// Calls the code the generator produced for this project's own skills (Skills/ and the examples,
/// compiled as SkillFile items by the real analyzer): typed runs, JSON round trips, and output
/// checks that report every violation with its JSON Pointer.
/// </summary>
public sealed class GeneratedCodeTests
{
    private const string ValidReview = """
        {"summary":"Adds retries.","verdict":"request-changes","findings":[
          {"file":"src/Retry.cs","line":12,"severity":"major","message":"Retries forever.","suggestion":"Cap at 3."},
          {"file":"README.md","severity":"info","message":"Typo."}]}
        """;

    [Fact]
    public async Task Run_async_returns_the_typed_output()
    {
        var runner = new ScriptedSkillRunner(ValidReview);

        PrReviewOutput review = await PrReviewSkill.RunAsync(runner, new PrReviewInput(new Uri("https://github.com/o/r/pull/42")), TestContext.Current.CancellationToken);

        Assert.Equal("Adds retries.", review.Summary);
        Assert.Equal(PrReviewVerdict.RequestChanges, review.Verdict);
        Assert.Equal(2, review.Findings.Count);
        Assert.Equal(new PrReviewFinding { File = "src/Retry.cs", Line = 12, Severity = PrReviewSeverity.Major, Message = "Retries forever.", Suggestion = "Cap at 3." }, review.Findings[0]);
        Assert.Null(review.Findings[1].Line);
        Assert.Equal("""{"pr_url":"https://github.com/o/r/pull/42","focus":"all","max_findings":20,"include_nits":false}""", Assert.Single(runner.Inputs));
    }

    [Fact]
    public async Task Run_with_report_returns_the_report_and_passes_options()
    {
        var runner = new ScriptedSkillRunner("""{"summary":""}""", ValidReview);
        var options = new SkillRunOptions { ModelId = "m", MaxRepairAttempts = 3 };

        var result = await PrReviewSkill.RunWithReportAsync(runner, new PrReviewInput(new Uri("https://x.test/1")) { Focus = PrReviewFocus.Security, IncludeNits = true }, options, TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Report.Attempts);
        Assert.Equal("pr-review", result.Report.SkillName);
        Assert.Equal(SemanticVersion.Parse("1.2.0"), result.Report.SkillVersion);
        var repair = Assert.Single(result.Report.Repairs);
        Assert.Contains(repair.Violations, v => v.Pointer == "/summary" && v.Message.Contains("at least 1 character", StringComparison.Ordinal));
        Assert.Same(options, Assert.Single(runner.Options));
        Assert.Contains("\"focus\":\"security\"", runner.Inputs[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_streaming_yields_updates_and_the_result_last()
    {
        var updates = new List<SkillRunUpdate<PrReviewOutput>>();
        await foreach (var update in PrReviewSkill.RunStreamingAsync(new ScriptedSkillRunner("not json", ValidReview), new PrReviewInput(new Uri("https://x.test/1")), TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        Assert.Equal([SkillRunUpdateKind.Repair, SkillRunUpdateKind.TextDelta, SkillRunUpdateKind.Completed], updates.Select(u => u.Kind));
        Assert.Equal(PrReviewVerdict.RequestChanges, updates[^1].Result!.Output.Verdict);
    }

    [Fact]
    public void Reading_an_output_reports_every_violation_with_its_pointer()
    {
        var json = """
            {"summary":"","verdict":"reject","extra":1,"findings":[
              {"file":"a.cs","line":0,"severity":"major","message":"m"},
              {"line":"ten","severity":3,"message":null},
              "not an object"]}
            """;

        Assert.False(PrReviewSkill.Contract.TryReadOutput(json, out var output, out var violations));
        Assert.Null(output);
        Assert.Equal(
            [
                "/summary: The string is 0 characters long; it must be at least 1 character.",
                "/verdict: The string \"reject\" is not allowed; use one of \"approve\", \"comment\", \"request-changes\".",
                "/extra: The property 'extra' is not allowed; the allowed properties are summary, verdict, findings.",
                "/findings/0/line: The value 0 is less than the minimum 1.",
                "/findings/1/line: Expected an integer but found the string \"ten\".",
                "/findings/1/severity: Expected a string but found the number 3.",
                "/findings/1/message: Expected a string but found null.",
                "/findings/1: The required property 'file' is missing.",
                "/findings/2: Expected an object but found the string \"not an object\".",
            ],
            violations.Select(v => v.ToString()));
    }

    [Theory]
    [InlineData("", "(root): The output is empty; expected a JSON value.")]
    [InlineData("Here is the review: {", "(root): The output is not valid JSON")]
    [InlineData("[]", "(root): Expected an object but found an array.")]
    public void Output_that_is_not_the_expected_json_is_one_violation(string text, string expected)
    {
        Assert.False(PrReviewSkill.Contract.TryReadOutput(text, out _, out var violations));
        Assert.StartsWith(expected, Assert.Single(violations).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_round_trip_through_the_generated_writer_and_reader()
    {
        Assert.True(PrReviewSkill.Contract.TryReadOutput(ValidReview, out var review, out _));
        var written = PrReviewSkill.Contract.SerializeOutput(review).GetRawText();

        Assert.True(PrReviewSkill.Contract.TryReadOutput(written, out var again, out var violations), string.Join("; ", violations));
        Assert.Equal(written, PrReviewSkill.Contract.SerializeOutput(again).GetRawText());
        Assert.Equal(review.Findings, again.Findings);
        Assert.True(JsonElementEquals(JsonDocument.Parse(ValidReview).RootElement, JsonDocument.Parse(written).RootElement));
    }

    [Fact]
    public void Inputs_round_trip_and_bad_inputs_report_every_problem()
    {
        var input = new PrReviewInput(new Uri("https://x.test/pr/1")) { Focus = PrReviewFocus.Style, MaxFindings = 5, IncludeNits = true };
        Assert.True(PrReviewSkill.Contract.TryReadInput(PrReviewSkill.Contract.SerializeInput(input), out var read, out _));
        Assert.Equal(input, read);

        using var bad = JsonDocument.Parse("""{"pr_url":"not a url","focus":"speed","max_findings":2.5,"nits":true}""");
        Assert.False(PrReviewSkill.Contract.TryReadInput(bad.RootElement, out _, out var violations));
        Assert.Equal(
            [
                "/pr_url: Expected an absolute URL such as https://example.com/path but found the string \"not a url\".",
                "/focus: The string \"speed\" is not allowed; use one of \"correctness\", \"security\", \"style\", \"all\".",
                "/max_findings: Expected an integer but found the number 2.5.",
                "/nits: The property 'nits' is not allowed; the allowed properties are pr_url, focus, max_findings, include_nits.",
            ],
            violations.Select(v => v.ToString()));

        using var missing = JsonDocument.Parse("{}");
        Assert.False(PrReviewSkill.Contract.TryReadInput(missing.RootElement, out _, out violations));
        Assert.Equal("(root): The required property 'pr_url' is missing.", Assert.Single(violations).ToString());
    }

    [Fact]
    public void Inputs_with_lone_surrogates_are_violations_not_exceptions()
    {
        using var value = JsonDocument.Parse("""{"pr_url":"\ud800"}""");
        Assert.False(PrReviewSkill.Contract.TryReadInput(value.RootElement, out _, out var violations));
        Assert.Equal("/pr_url: The string escapes a lone UTF-16 surrogate; use well-formed Unicode.", Assert.Single(violations).ToString());

        using var name = JsonDocument.Parse("""{"pr_url":"https://x.test/1","\udc00":1}""");
        Assert.False(PrReviewSkill.Contract.TryReadInput(name.RootElement, out _, out violations));
        Assert.Equal("(root): A property name escapes a lone UTF-16 surrogate; use well-formed Unicode.", Assert.Single(violations).ToString());
    }

    [Fact]
    public void Optional_inputs_keep_their_defaults_when_absent_or_null()
    {
        using var json = JsonDocument.Parse("""{"pr_url":"https://x.test/1","focus":null}""");
        Assert.True(PrReviewSkill.Contract.TryReadInput(json.RootElement, out var input, out _));
        Assert.Equal((PrReviewFocus.All, 20L, false), (input.Focus, input.MaxFindings, input.IncludeNits));
    }

    [Fact]
    public void Nested_schemas_map_to_records_lists_maps_and_are_checked_all_the_way_down()
    {
        var json = """
            {"tree":{"label":"root","children":[{"label":"a","children":[{"label":"a1"}]},{"label":"b"}]},
             "levels":[{"grid":[[2,4],[6]],"scores":{"x":0.5}}],
             "note":null,"kind":"nested","rank":2,
             "labels":{"primary":"p","other":"o"},
             "either":7,"anything":{"free":[1,"two"]}}
            """;
        Assert.True(NestedSkill.Contract.TryReadOutput(json, out var output, out var violations), string.Join("; ", violations));

        Assert.Equal("a1", output.Tree.Children![0].Children![0].Label);
        Assert.Equal([2L, 4L], output.Levels[0].Grid[0]);
        Assert.Equal(0.5, output.Levels[0].Scores!["x"]);
        Assert.Null(output.Note);
        Assert.Equal("nested", output.Kind);
        Assert.Equal(2, output.Rank);
        Assert.Equal("p", output.Labels!.Primary);
        Assert.Equal("o", output.Labels.AdditionalProperties!["other"]);
        Assert.Equal(7, output.Either!.Value.GetInt32());
        Assert.Equal("two", output.Anything!.Value.GetProperty("free")[1].GetString());

        // Optional values that are null are left out when written.
        var written = NestedSkill.Contract.SerializeOutput(output).GetRawText();
        var expected = json.Replace("\"note\":null,", string.Empty, StringComparison.Ordinal);
        Assert.True(JsonElementEquals(JsonDocument.Parse(expected).RootElement, JsonDocument.Parse(written).RootElement), written);
    }

    [Fact]
    public void Nested_constraints_are_enforced_with_pointers()
    {
        var json = """
            {"tree":{"children":[{"label":1}]},
             "levels":[{"grid":[[2,2],[3,0]],"scores":{"a":2,"b":0,"c":0,"d":0}}],
             "note":"lowercase","kind":"other","rank":4,"labels":{"other":5}}
            """;
        Assert.False(NestedSkill.Contract.TryReadOutput(json, out _, out var violations));
        Assert.Equal(
            [
                "/tree/children/0/label: Expected a string but found the number 1.",
                "/tree: The required property 'label' is missing.",
                "/levels/0/grid/0/1: This item repeats item 0; the items must be unique.",
                "/levels/0/grid/1/0: The value 3 is not a multiple of 2.",
                "/levels/0/grid/1/1: The value 0 must be greater than 0.",
                "/levels/0/scores/a: The value 2 is greater than the maximum 1.",
                "/levels/0/scores: The object has 4 properties; it must have at most 3 properties.",
                "/note: The value \"lowercase\" does not match the pattern ^[A-Z].",
                "/kind: The string \"other\" is not allowed; use one of \"nested\".",
                "/rank: The number 4 is not allowed; use one of 1, 2, 3.",
                "/labels/other: Expected a string but found the number 5.",
            ],
            violations.Select(v => v.ToString()));
    }

    [Fact]
    public void Json_inputs_with_a_schema_become_typed_records()
    {
        var input = new NestedInput(new NestedQuery { Terms = ["a", "b"], Limit = 3 });
        Assert.Equal("""{"query":{"terms":["a","b"],"limit":3}}""", NestedSkill.Contract.SerializeInput(input).GetRawText());

        using var bad = JsonDocument.Parse("""{"query":{"terms":[],"limit":0}}""");
        Assert.False(NestedSkill.Contract.TryReadInput(bad.RootElement, out _, out var violations));
        Assert.Equal(["/query/terms: The array has 0 items; it must have at least 1 item.", "/query/limit: The value 0 is less than the minimum 1."], violations.Select(v => v.ToString()));
    }

    [Fact]
    public void Keyword_and_member_names_are_renamed_and_wire_names_kept()
    {
        var input = new KeywordsInput("c") { Event = 1, ToStringValue = true, KeywordsInputValue = "k" };
        Assert.Equal("""{"class":"c","event":1,"to_string":true,"keywords_input":"k"}""", KeywordsSkill.Contract.SerializeInput(input).GetRawText());

        Assert.True(KeywordsSkill.Contract.TryReadOutput("""{"namespace":"n","operator":"default","equals":true,"get_hash_code":5}""", out var output, out _));
        Assert.Equal((KeywordsOperator.Default, true, 5L), (output.Operator, output.EqualsValue, output.GetHashCodeValue));
    }

    [Fact]
    public void Unicode_names_values_and_lengths_in_code_points()
    {
        Assert.True(UnicodeSkill.Contract.TryReadOutput("""{"café":"🚀🚀🚀🚀🚀","日本語":"🚀 launch"}""", out var output, out var violations), string.Join("; ", violations));
        Assert.Equal(("🚀🚀🚀🚀🚀", Unicode日本語.Launch), (output.Café, output.日本語));
        Assert.Equal("""{"café":"🚀🚀🚀🚀🚀","日本語":"🚀 launch"}""", UnicodeSkill.Contract.SerializeOutput(output).GetRawText().Replace("\\uD83D\\uDE80", "🚀", StringComparison.Ordinal).Replace("caf\\u00E9", "café", StringComparison.Ordinal).Replace("\\u65E5\\u672C\\u8A9E", "日本語", StringComparison.Ordinal));

        Assert.False(UnicodeSkill.Contract.TryReadOutput("""{"café":"🚀🚀🚀🚀🚀🚀"}""", out _, out violations));
        Assert.Equal("/café: The string is 6 characters long; it must be at most 5 characters.", Assert.Single(violations).ToString());
        Assert.Equal("Grüß dich 👋 \"friend\"", new UnicodeInput("n").Greeting);
        Assert.Contains("</summary> & \"quotes\"", UnicodeSkill.Descriptor.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Odd_enum_values_keep_their_wire_names()
    {
        var modes = Enum.GetValues<OddEnumsMode>();
        Assert.Equal([OddEnumsMode.RequestChanges, OddEnumsMode.AB, OddEnumsMode._1st, OddEnumsMode.ABC, OddEnumsMode.XY, OddEnumsMode.Under], modes);
        var wire = modes.Select(m => OddEnumsSkill.Contract.SerializeInput(new OddEnumsInput(m)).GetProperty("mode").GetString());
        Assert.Equal(["request-changes", "A B", "1st", "a/b~c", "x.y", "_under"], wire);

        foreach (var (text, state) in new[] { ("upper", OddEnumsState.Upper), ("UPPER", OddEnumsState.UPPER), ("Upper", OddEnumsState.Upper2), ("", OddEnumsState.Empty), ("  ", OddEnumsState.Empty2) })
        {
            Assert.True(OddEnumsSkill.Contract.TryReadOutput($$"""{"state":"{{text}}"}""", out var output, out _));
            Assert.Equal(state, output.State);
        }

        // System.Text.Json sees the same wire names through the generated attributes.
        Assert.Equal("\"request-changes\"", JsonSerializer.Serialize(OddEnumsMode.RequestChanges, ReflectionOptions));
    }

    [Fact]
    public async Task Skills_without_inputs_run_with_the_default_input_and_return_any_json()
    {
        var output = await EmptyInputsSkill.RunAsync(new ScriptedSkillRunner("""{"status":"green"}"""), TestContext.Current.CancellationToken);
        Assert.Equal("green", output.GetProperty("status").GetString());
    }

    [Fact]
    public async Task File_and_url_inputs_and_file_outputs()
    {
        var runner = new ScriptedSkillRunner("  out/result.txt\n");
        var file = await FilesSkill.RunAsync(runner, new FilesInput(new FileInfo("data/in.csv")), TestContext.Current.CancellationToken);

        Assert.Equal(Path.GetFullPath("out/result.txt"), file.FullName);
        using var input = JsonDocument.Parse(runner.Inputs[0]);
        Assert.Equal(Path.GetFullPath("data/in.csv"), input.RootElement.GetProperty("source").GetString());
        Assert.Equal("https://example.com/api", input.RootElement.GetProperty("endpoint").GetString());
        Assert.Equal(2, input.RootElement.GetProperty("settings").GetProperty("retries").GetInt32());
        Assert.False(input.RootElement.TryGetProperty("ratio", out _));

        Assert.False(FilesSkill.Contract.TryReadOutput("   ", out _, out var violations));
        Assert.Equal("(root): Expected a file path but found an empty string.", Assert.Single(violations).ToString());
    }

    [Fact]
    public void Prose_skills_get_a_descriptor_and_their_text()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "SkillRt.Generators.Tests", "Skills", "prose", "SKILL.md"));
        Assert.Equal(SkillMode.Prose, ProseSkill.Descriptor.Mode);
        Assert.Equal("prose", ProseSkill.Descriptor.Name);
        Assert.Equal(text, ProseSkill.Instructions);
        Assert.Null(ProseSkill.Descriptor.Version);
    }

    [Fact]
    public void Descriptors_carry_the_agent_doc_dependencies()
    {
        var docs = AgentDocsSkill.Descriptor.Dependencies.AgentDocs;

        Assert.Equal(["openai-api", "resend@^1.5"], docs.Select(d => d.ToString()));
        Assert.Same(SkillVersionRange.Any, docs[0].Range);
        Assert.Empty(docs[0].Operations);
        Assert.True(docs[1].Range.Satisfies(new SemanticVersion(1, 5, 0)));
        Assert.False(docs[1].Range.Satisfies(new SemanticVersion(2, 0, 0)));
        Assert.Equal(["emails/send"], docs[1].Operations);
    }

    [Fact]
    public void Descriptors_carry_the_memory_kinds_and_grants_as_the_dynamic_path_reads_them()
    {
        var generated = MemorySkill.Descriptor.Memory;
        var path = Path.Combine(TestPaths.RepositoryRoot, "tests", "SkillRt.Generators.Tests", "Skills", "memory", "SKILL.md");
        var dynamic = SkillDefinition.Parse(File.ReadAllText(path), path).Descriptor.Memory;

        var kind = Assert.Single(generated.Kinds);
        Assert.Equal(("api-note", "A finding about an API."), (kind.Name, kind.Description));
        Assert.Equal(dynamic.Kinds[0].SchemaJson, kind.SchemaJson);
        Assert.Equal("""{"type":"object","properties":{"summary":{"type":"string"}},"required":["summary"]}""", kind.SchemaJson);
        Assert.Equal(dynamic.Read.Select(g => (g.ToString(), string.Join(",", g.Kinds))), generated.Read.Select(g => (g.ToString(), string.Join(",", g.Kinds))));
        Assert.Equal(dynamic.Write.Select(g => (g.ToString(), string.Join(",", g.Kinds))), generated.Write.Select(g => (g.ToString(), string.Join(",", g.Kinds))));
        Assert.True(generated.CanRead("acme/shared/eu", "api-note"));
        Assert.False(generated.CanWrite("acme/shared/eu", "api-note"));
        Assert.Same(SkillMemory.None, PrReviewSkill.Descriptor.Memory);
    }

    [Fact]
    public void Descriptors_carry_the_frontmatter_and_the_content_hash()
    {
        var descriptor = PrReviewSkill.Descriptor;
        var path = Path.Combine(TestPaths.Examples, "pr-review", "SKILL.md");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(File.ReadAllText(path))));

        Assert.Equal(hash, descriptor.ContentSha256);
        Assert.Equal("../../examples/pr-review/SKILL.md", descriptor.SourcePath);
        Assert.Equal(["code-review", "github"], descriptor.Tags);
        Assert.Empty(descriptor.Dependencies.Tools);
        Assert.Equal(["github.com", "patch-diff.githubusercontent.com"], descriptor.Permissions.Network);
        Assert.Equal(SkillFileAccess.Read, Assert.Single(descriptor.Permissions.Filesystem).Access);
        Assert.Equal(SkillRuntimeType.MarkdownSkill, descriptor.Runtime.Type);
        Assert.Equal(SkillOutputType.Json, descriptor.OutputType);
        Assert.StartsWith("# Review a pull request", descriptor.Instructions, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllLines(path).ToList().IndexOf("# Review a pull request") + 1, descriptor.InstructionsLine);

        using var inputSchema = JsonDocument.Parse(descriptor.InputSchema);
        Assert.Equal("pr_url", inputSchema.RootElement.GetProperty("required")[0].GetString());
        using var outputSchema = JsonDocument.Parse(descriptor.OutputSchema!);
        Assert.Equal(100, outputSchema.RootElement.GetProperty("properties").GetProperty("findings").GetProperty("maxItems").GetInt32());
    }

    [Fact]
    public void The_catalogue_lists_every_skill_in_path_order()
    {
        Assert.Equal(
            ["commit-style", "csv-summary", "pr-review", "agent-docs", "empty-inputs", "files", "keywords", "memory", "nested", "odd-enums", "prose", "unicode"],
            SkillCatalog.Descriptors.Select(d => d.Name));
        var runner = new ScriptedSkillRunner();
        Assert.Equal(
            ["pr-review", "agent-docs", "empty-inputs", "files", "keywords", "memory", "nested", "odd-enums", "unicode"],
            SkillCatalog.CreateAIFunctions(runner).Select(f => f.Name));
    }

    [Fact]
    public async Task As_ai_function_checks_arguments_runs_the_skill_and_returns_json()
    {
        var runner = new ScriptedSkillRunner(ValidReview);
        AIFunction function = PrReviewSkill.AsAIFunction(runner);

        Assert.Equal("pr-review", function.Name);
        Assert.StartsWith("Reviews a GitHub pull request", function.Description, StringComparison.Ordinal);
        Assert.Equal("uri", function.JsonSchema.GetProperty("properties").GetProperty("pr_url").GetProperty("format").GetString());
        Assert.Equal("object", function.ReturnJsonSchema!.Value.GetProperty("type").GetString());

        using var arguments = JsonDocument.Parse("""{"pr_url":"https://x.test/7","max_findings":3}""");
        var result = await function.InvokeAsync(new AIFunctionArguments(arguments.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone())), TestContext.Current.CancellationToken);
        var output = Assert.IsType<JsonElement>(result);
        Assert.Equal("request-changes", output.GetProperty("verdict").GetString());
        Assert.Equal("""{"pr_url":"https://x.test/7","focus":"all","max_findings":3,"include_nits":false}""", Assert.Single(runner.Inputs));

        var plain = await function.InvokeAsync(new AIFunctionArguments { ["pr_url"] = "https://x.test/8", ["include_nits"] = true }, TestContext.Current.CancellationToken);
        Assert.IsType<JsonElement>(plain);

        var error = await Assert.ThrowsAsync<SkillInputException>(async () => await function.InvokeAsync(new AIFunctionArguments { ["focus"] = "speed" }, TestContext.Current.CancellationToken));
        Assert.Equal(["/focus", string.Empty], error.Violations.Select(v => v.Pointer));
        Assert.Equal("pr-review", error.SkillName);
    }

    [Fact]
    public async Task A_contract_violation_after_every_attempt_is_a_skill_output_exception_with_the_raw_output()
    {
        var error = await Assert.ThrowsAsync<SkillOutputException>(() => PrReviewSkill.RunAsync(new ScriptedSkillRunner("""{"verdict":"ok"}"""), new PrReviewInput(new Uri("https://x.test/1")), TestContext.Current.CancellationToken));
        Assert.Equal("""{"verdict":"ok"}""", error.RawOutput);
        Assert.Equal(3, error.Violations.Count);
        Assert.Contains("/verdict: The string \"ok\" is not allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Null_arguments_are_rejected_before_the_runner_is_called()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => PrReviewSkill.RunAsync(null!, new PrReviewInput(new Uri("https://x.test/1")), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentNullException>(() => PrReviewSkill.RunAsync(new ScriptedSkillRunner(ValidReview), null!, TestContext.Current.CancellationToken));
    }

    // The project turns reflection-based serialization off; this opts back in for one check.
    private static readonly JsonSerializerOptions ReflectionOptions = new() { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

    private static bool JsonElementEquals(JsonElement left, JsonElement right) => JsonElement.DeepEquals(left, right);
}
