using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SkillRt.Generators.Tests;

/// <summary>
/// Skills that are valid but awkward to turn into C#: each must compile cleanly, and its generated
/// reader must agree with the schema. Each case is compiled in memory and called through reflection.
/// </summary>
public sealed class EdgeCaseTests
{
    private static string Skill(string name, string frontmatter) =>
        $"---\nname: {name}\ndescription: An edge case.\nversion: 1.0.0\n{frontmatter}---\nGo.\n";

    private static string Output(string schema) => $"inputs: []\noutputs:\n  type: json\n  schema: {schema}\n";

    /// <summary>Compiles the skills, asserts nothing is reported, and returns a reader for one skill's outputs.</summary>
    private static Func<string, (bool Valid, string[] Violations)> Compile(string className, params (string Path, string Text)[] skills)
    {
        var harness = new GeneratorHarness();
        foreach (var (path, text) in skills)
        {
            harness.AddSkill(path, text);
        }

        var (diagnostics, assembly) = harness.CompileAndLoad();
        DiagnosticTests.AssertNoProblems(diagnostics);
        var contract = assembly!.GetType("Consumer.Skills." + className)!.GetProperty("Contract")!.GetValue(null)!;
        var read = contract.GetType().GetMethod("TryReadOutput")!;
        return json =>
        {
            var arguments = new object?[] { json, null, null };
            var valid = (bool)read.Invoke(contract, arguments)!;
            return (valid, ((IEnumerable<SkillViolation>)arguments[2]!).Select(v => v.ToString()).ToArray());
        };
    }

    [Fact]
    public void Skills_whose_file_names_differ_only_in_case_both_generate()
    {
        var harness = new GeneratorHarness()
            .AddSkill("/project/foo-bar/SKILL.md", Skill("foo-bar", Output("{type: string}")))
            .AddSkill("/project/foobar/SKILL.md", Skill("foobar", Output("{type: string}")));
        var (result, diagnostics) = harness.Compile();

        DiagnosticTests.AssertNoProblems(diagnostics);
        var names = result.GeneratedTrees.Select(t => System.IO.Path.GetFileName(t.FilePath)).ToList();
        Assert.Equal(3, names.Count);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void A_type_named_like_the_catalogue_gets_a_number()
    {
        var (result, diagnostics) = new GeneratorHarness()
            .AddSkill("/project/skill/SKILL.md", Skill("skill", Output("{type: object, properties: {catalog: {type: object, properties: {a: {type: string}}}}}")))
            .Compile();
        DiagnosticTests.AssertNoProblems(diagnostics);
        Assert.Contains(result.GeneratedTrees, t => t.GetText(GeneratorHarness.CancellationToken).ToString().Contains("sealed partial record SkillCatalog2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    [InlineData("\u0085")]
    public void Line_breaks_csharp_knows_and_yaml_does_not_stay_inside_comments(string lineBreak)
    {
        var text = $"---\nname: breaks\ndescription: \"first{lineBreak} second\"\nversion: 1.0.0\ninputs:\n  - name: a\n    description: \"x{lineBreak}y\"\n---\nGo {{{{ a }}}}.\n";
        DiagnosticTests.AssertNoProblems(new GeneratorHarness().AddSkill("/project/breaks/SKILL.md", text).Compile().CompilerDiagnostics);
    }

    [Fact]
    public void Json_inputs_with_scalar_schemas_read_their_defaults()
    {
        var text = Skill("defaults", """
            inputs:
              - name: count
                type: json
                schema: {type: [integer, "null"]}
                default: null
              - name: limit
                type: json
                schema: {type: integer}
                default: 5
              - name: label
                type: json
                schema: {type: string}
                default: "x"
              - name: input
                type: json
                schema: {type: object, properties: {a: {type: integer}}}
                default: {a: 1}

            """.Replace("\n            ", "\n", StringComparison.Ordinal).TrimStart());
        var harness = new GeneratorHarness().AddSkill("/project/defaults/SKILL.md", text.Replace("---\nGo.", "---\nGo {{ count }} {{ limit }} {{ label }} {{ input }}.", StringComparison.Ordinal));
        var (diagnostics, assembly) = harness.CompileAndLoad();
        DiagnosticTests.AssertNoProblems(diagnostics);

        var input = Activator.CreateInstance(assembly!.GetType("Consumer.Skills.DefaultsInput")!)!;
        object? Get(string name) => input.GetType().GetProperty(name)!.GetValue(input);
        Assert.Null(Get("Count"));
        Assert.Equal(5L, Get("Limit"));
        Assert.Equal("x", Get("Label"));
        Assert.Equal(1L, Get("Input")!.GetType().GetProperty("A")!.GetValue(Get("Input")));
    }

    [Fact]
    public void Class_name_metadata_may_be_escaped_but_not_reserved()
    {
        var escaped = new GeneratorHarness().AddSkill("/project/a/SKILL.md", Skill("a", Output("{type: string}")), ("ClassName", "@Foo")).Compile();
        DiagnosticTests.AssertNoProblems(escaped.CompilerDiagnostics);
        Assert.Contains(escaped.Result.GeneratedTrees, t => t.FilePath.EndsWith("Consumer.Skills.Foo.g.cs", StringComparison.Ordinal));

        var reserved = Assert.Single(new GeneratorHarness().AddSkill("/project/a/SKILL.md", Skill("a", Output("{type: string}")), ("ClassName", "GeneratedContract")).Diagnostics());
        Assert.Equal("SKILL1003", reserved.Id);
        Assert.Contains("is reserved", reserved.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Keywords_next_to_a_ref_apply_together_with_the_referenced_schema()
    {
        var read = Compile("RefsSkill", ("/project/refs/SKILL.md", Skill("refs", Output(
            "{type: object, $defs: {small: {type: integer, maximum: 10}, list: {type: array, maxItems: 3}}, properties: {a: {$ref: '#/$defs/small', minimum: 2}, l: {$ref: '#/$defs/list', minItems: 1}}}"))));

        Assert.True(read("""{"a":5,"l":[1]}""").Valid);
        Assert.Equal(["/a: The value 15 is greater than the maximum 10."], read("""{"a":15,"l":[1]}""").Violations);
        Assert.Equal(["/a: The value 1 is less than the minimum 2.", "/l: The array has 0 items; it must have at least 1 item."], read("""{"a":1,"l":[]}""").Violations);
        Assert.Equal(["/l: The array has 4 items; it must have at most 3 items."], read("""{"a":2,"l":[1,2,3,4]}""").Violations);
    }

    [Fact]
    public void String_enums_keep_their_other_assertions()
    {
        var read = Compile("EnumsSkill", ("/project/enums/SKILL.md", Skill("enums", Output(
            "{type: object, properties: {c: {type: string, enum: [a, b], const: a}, m: {type: string, enum: [a, bb], maxLength: 1}}}"))));

        Assert.True(read("""{"c":"a","m":"a"}""").Valid);
        Assert.Equal(
            ["/c: The string \"b\" is not allowed; use one of \"a\".", "/m: The string is 2 characters long; it must be at most 1 character."],
            read("""{"c":"b","m":"bb"}""").Violations);
    }

    [Fact]
    public void Required_names_without_a_schema_take_the_additional_properties_schema()
    {
        var read = Compile("ExtrasSkill", ("/project/extras/SKILL.md", Skill("extras", Output(
            "{type: object, required: [k], additionalProperties: {type: integer}}"))));

        Assert.True(read("""{"k":1,"other":2}""").Valid);
        Assert.Equal(["/k: Expected an integer but found the string \"str\"."], read("""{"k":"str"}""").Violations);
        Assert.Equal(["(root): The required property 'k' is missing."], read("""{"other":2}""").Violations);
    }

    [Fact]
    public void Patterns_follow_ecma_262_for_end_anchors_and_digits()
    {
        var read = Compile("PatternsSkill", ("/project/patterns/SKILL.md", Skill("patterns", Output(
            "{type: object, properties: {word: {type: string, pattern: '^[a-z]+$'}, digits: {type: string, pattern: '^\\d+$'}, price: {type: string, pattern: '^\\$[0-9]+$'}}}"))));

        Assert.True(read("""{"word":"abc","digits":"42","price":"$5"}""").Valid);
        Assert.Equal(
            ["/word: The value \"abc\n\" does not match the pattern ^[a-z]+$.", "/digits: The value \"١٢\" does not match the pattern ^\\d+$."],
            read("""{"word":"abc\n","digits":"١٢"}""").Violations);
    }

    [Fact]
    public void Recursion_through_an_array_definition_is_a_type_not_a_warning()
    {
        var read = Compile("TreeSkill", ("/project/tree/SKILL.md", Skill("tree", Output(
            "{type: object, $defs: {list: {type: array, items: {$ref: '#/$defs/node'}}, node: {type: object, required: [n], properties: {n: {type: string}, kids: {$ref: '#/$defs/list'}}}}, properties: {nodes: {$ref: '#/$defs/list'}}}"))));

        Assert.True(read("""{"nodes":[{"n":"a","kids":[{"n":"b","kids":[]}]}]}""").Valid);
        Assert.Equal(["/nodes/0/kids/0: The required property 'n' is missing."], read("""{"nodes":[{"n":"a","kids":[{}]}]}""").Violations);
    }

    [Theory]
    [InlineData("findings", "Finding")]
    [InlineData("categories", "Category")]
    [InlineData("responses", "Response")]
    [InlineData("cases", "Case")]
    [InlineData("movies", "Movie")]
    [InlineData("matches", "Match")]
    [InlineData("boxes", "Box")]
    [InlineData("statuses", "Status")]
    [InlineData("addresses", "Address")]
    [InlineData("series", "SeriesItem")]
    [InlineData("data", "DataItem")]
    [InlineData("status", "StatusItem")]
    [InlineData("analysis", "AnalysisItem")]
    public void List_items_get_singular_names(string property, string item) =>
        Assert.Equal(item, SchemaTypeMapper.Singular(property));

    [Fact]
    public void Url_inputs_must_name_their_scheme()
    {
        var harness = new GeneratorHarness().AddSkill("/project/links/SKILL.md", "---\nname: links\ndescription: d\nversion: 1.0.0\ninputs:\n  - name: u\n    type: url\n    required: true\n---\n{{ u }}\n");
        var (diagnostics, assembly) = harness.CompileAndLoad();
        DiagnosticTests.AssertNoProblems(diagnostics);
        var contract = assembly!.GetType("Consumer.Skills.LinksSkill")!.GetProperty("Contract")!.GetValue(null)!;
        var read = contract.GetType().GetMethod("TryReadInput")!;

        foreach (var (url, valid) in new[] { ("https://x.test/a", true), ("/etc/passwd", false), ("relative/path", false), ("mailto:a@b.test", true) })
        {
            using var json = System.Text.Json.JsonDocument.Parse($$"""{"u":"{{url}}"}""");
            Assert.Equal(valid, (bool)read.Invoke(contract, [json.RootElement, null, null])!);
        }
    }

    [Theory]
    [InlineData("{type: string, enum: [a, b]}", "c", "the value is \"c\", which is not one of [\"a\",\"b\"]")]
    [InlineData("{type: object, required: [name], properties: {name: {type: string}}}", "{}", "the value has no 'name', which the schema requires")]
    [InlineData("{type: object, properties: {n: {type: integer, minimum: 1}}}", "{n: 0}", "/n is 0, less than the minimum 1")]
    [InlineData("{type: array, items: {type: string}}", "[a, 2]", "/1 is an integer, but the schema's type is \"string\"")]
    public void Json_defaults_that_break_their_schema_are_build_errors(string schema, string value, string problem)
    {
        var text = $"---\nname: bad\ndescription: d\nversion: 1.0.0\ninputs:\n  - name: j\n    type: json\n    schema: {schema}\n    default: {value}\n---\n{{{{ j }}}}\n";
        var diagnostic = Assert.Single(new GeneratorHarness().AddSkill("/project/bad/SKILL.md", text).Diagnostics());
        Assert.Equal("SKILL0304", diagnostic.Id);
        Assert.EndsWith("does not fit the input's schema: " + problem, diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_that_cannot_become_csharp_values_are_build_errors()
    {
        var diagnostics = new GeneratorHarness()
            .AddSkill("/project/bad/SKILL.md", "---\nname: bad\ndescription: d\nversion: 1.0.0\ninputs:\n  - name: n\n    type: integer\n    default: 99999999999999999999\n  - name: f\n    type: file\n    default: \"a\\0b\"\n---\n{{ n }} {{ f }}\n")
            .Diagnostics();
        Assert.Equal(["SKILL0304", "SKILL0304"], diagnostics.Select(d => d.Id));
        Assert.Contains("out of range", diagnostics[0].GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("NUL", diagnostics[1].GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_escape_before_a_hyphen_stays_a_literal_hyphen()
    {
        var read = Compile("SlugSkill", ("/project/slug/SKILL.md", Skill("slug", Output("{type: object, properties: {s: {type: string, pattern: '^[\\w-.]+$'}}}"))));
        Assert.True(read("""{"s":"a-b.c_d"}""").Valid);
        Assert.Equal(["/s: The value \"a b\" does not match the pattern ^[\\w-.]+$."], read("""{"s":"a b"}""").Violations);
    }

    [Fact]
    public void Lone_surrogates_are_violations_not_exceptions()
    {
        var read = Compile("TextsSkill", ("/project/texts/SKILL.md", Skill("texts", Output("{type: object, additionalProperties: {type: string}}"))));
        Assert.Equal(["/a: The string escapes a lone UTF-16 surrogate; use well-formed Unicode."], read("""{"a":"\ud800"}""").Violations);
        Assert.Equal(["(root): A property name escapes a lone UTF-16 surrogate; use well-formed Unicode."], read("""{"\udc00":"x"}""").Violations);
        Assert.Equal(["(root): The output contains invalid text (a lone UTF-16 surrogate); return well-formed Unicode."], read("{\"a\":\"\ud800\"}").Violations);
        Assert.True(read("""{"a":"\ud83d\ude80"}""").Valid);
    }

    [Fact]
    public void Deep_values_that_read_also_write()
    {
        var harness = new GeneratorHarness().AddSkill("/project/deep/SKILL.md", Skill("deep", Output("{type: object, properties: {child: {$ref: '#'}}}")));
        var (diagnostics, assembly) = harness.CompileAndLoad();
        DiagnosticTests.AssertNoProblems(diagnostics);
        var contract = assembly!.GetType("Consumer.Skills.DeepSkill")!.GetProperty("Contract")!.GetValue(null)!;
        var json = string.Concat(Enumerable.Repeat("{\"child\":", 100)) + "{}" + new string('}', 100);

        var arguments = new object?[] { json, null, null };
        Assert.True((bool)contract.GetType().GetMethod("TryReadOutput")!.Invoke(contract, arguments)!);
        var written = (System.Text.Json.JsonElement)contract.GetType().GetMethod("SerializeOutput")!.Invoke(contract, [arguments[1]])!;
        Assert.Equal(json, written.GetRawText());
    }

    [Fact]
    public void Null_is_checked_against_enum_and_const()
    {
        var read = Compile("NullsSkill", ("/project/nulls/SKILL.md", Skill("nulls", Output("{type: object, properties: {n: {type: [integer, 'null'], enum: [1, 2]}, k: {type: [string, 'null'], const: k}, m: {type: [integer, 'null'], enum: [1, null]}}}"))));
        Assert.True(read("""{"n":1,"k":"k","m":null}""").Valid);
        Assert.Equal(["/n: Null is not allowed; use one of 1, 2.", "/k: Null is not allowed; use one of \"k\"."], read("""{"n":null,"k":null}""").Violations);
    }

    [Fact]
    public void Enum_next_to_a_ref_applies_and_structural_keywords_there_are_checked_and_reported()
    {
        var text = Skill("siblings", Output("{type: object, $defs: {s: {type: string}, o: {type: object, properties: {a: {type: string}}}}, properties: {e: {$ref: '#/$defs/s', enum: [p, q]}, r: {$ref: '#/$defs/o', required: [b]}}}"));
        var warning = Assert.Single(new GeneratorHarness().AddSkill("/project/siblings/SKILL.md", text).Diagnostics());
        Assert.Equal(("SKILL1004", DiagnosticSeverity.Info), (warning.Id, warning.Severity));
        Assert.Contains("'required' next to '$ref' does not change the C# type", warning.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var harness = new GeneratorHarness().AddSkill("/project/siblings/SKILL.md", text);
        var (diagnostics, assembly) = harness.CompileAndLoad();
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var contract = assembly!.GetType("Consumer.Skills.SiblingsSkill")!.GetProperty("Contract")!.GetValue(null)!;
        var arguments = new object?[] { """{"e":"nope"}""", null, null };
        Assert.False((bool)contract.GetType().GetMethod("TryReadOutput")!.Invoke(contract, arguments)!);
        Assert.Equal("/e: The string \"nope\" is not allowed; use one of \"p\", \"q\".", Assert.Single((IEnumerable<SkillViolation>)arguments[2]!).ToString());

        // The keyword the type leaves out is still checked, against the schema.
        arguments = ["""{"r":{"a":"x"}}""", null, null];
        Assert.False((bool)contract.GetType().GetMethod("TryReadOutput")!.Invoke(contract, arguments)!);
        Assert.Equal("/r: The required property 'b' is missing.", Assert.Single((IEnumerable<SkillViolation>)arguments[2]!).ToString());
    }

    [Fact]
    public void Characters_xml_forbids_stay_out_of_doc_comments()
    {
        var text = "---\nname: odd\ndescription: \"a\\uFFFF b\\uFFFE c\"\nversion: 1.0.0\ninputs:\n  - name: a\n---\n{{ a }}\n";
        DiagnosticTests.AssertNoProblems(new GeneratorHarness().AddSkill("/project/odd/SKILL.md", text).Compile().CompilerDiagnostics);
    }
}
