using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SkillRt.Generators.Tests;

/// <summary>
/// Schemas that are wrong, or hard, as issue 25's "Bad input" lists them: unsatisfiable schemas,
/// oneOf branches that overlap, recursion with no base case, 1,000-branch unions, and names that
/// clash once they become C#. Each is reported at its SKILL.md line (or generates clean code), and
/// what the generator emits always compiles.
/// </summary>
public sealed class BadSchemaTests
{
    /// <summary>A skill whose output schema starts on line 9, one YAML line per line of <paramref name="schema"/>.</summary>
    private static string Skill(string name, string schema) =>
        $"---\nname: {name}\ndescription: A bad schema.\nversion: 1.0.0\ninputs: []\noutputs:\n  type: json\n  schema:\n    {schema.ReplaceLineEndings("\n    ")}\n---\nGo.\n";

    private const int SchemaLine = 9;

    /// <summary>Runs the generator and the compiler; the generated code must compile whatever the generator reported.</summary>
    private static IReadOnlyList<Diagnostic> Generate(string name, string schema, params (string Name, string Value)[] metadata)
    {
        var (result, diagnostics) = new GeneratorHarness().AddSkill($"/project/{name}/SKILL.md", Skill(name, schema), metadata).Compile();
        Assert.Null(result.Results.Single().Exception);
        Assert.NotEmpty(result.GeneratedTrees);
        var compileErrors = diagnostics.Where(d => d.Id.StartsWith("CS", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(compileErrors.Count == 0, string.Join(Environment.NewLine, compileErrors.Take(5)));
        return result.Diagnostics;
    }

    private static (int Line, string Message) Single(IReadOnlyList<Diagnostic> diagnostics, string id)
    {
        var diagnostic = Assert.Single(diagnostics, d => d.Id == id);
        return (diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1, diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void An_all_of_of_conflicting_types_is_an_error_at_its_line()
    {
        var diagnostics = Generate("conflict", """
            type: object
            required: [id]
            properties:
              id:
                allOf:
                  - {type: string}
                  - {type: integer, minimum: 1}
            """);

        var (line, message) = Single(diagnostics, "SKILL1006");
        Assert.Equal(SchemaLine + 5, line);
        Assert.Equal(DiagnosticSeverity.Error, diagnostics.Single(d => d.Id == "SKILL1006").Severity);
        Assert.Equal(
            "The output schema accepts no value, so every value would be rejected: at '#/properties/id', 'allOf/0' allows only a string; 'allOf/1' allows only an integer. Change the schema so that some value is valid",
            message);
    }

    [Theory]
    [InlineData("{type: object, required: [n], properties: {n: {type: integer, enum: [one, two]}}}", "the 'enum' values are a string", 0)]
    [InlineData("{type: object, required: [n], properties: {n: {type: number, minimum: 5, exclusiveMaximum: 5}}}", "its lower bound 5 is not below its upper bound 5, so no number fits", 0)]
    [InlineData("{type: array, minItems: 1, items: false}", "'minItems' is 1 but 'items' accepts no value", 0)]
    [InlineData("{type: string, minLength: 4, maxLength: 2}", "'minLength' 4 is above 'maxLength' 2, so no string fits", 0)]
    [InlineData("{type: object, required: [a, b], maxProperties: 1}", "'maxProperties' 1 is below the number of properties it needs", 0)]
    [InlineData("{anyOf: [false, {not: {}}]}", "no branch of its 'anyOf' accepts a value", 0)]
    public void Keywords_that_exclude_every_value_are_named(string schema, string reason, int lineOffset)
    {
        var (line, message) = Single(Generate("empty", schema), "SKILL1006");
        Assert.Contains(reason, message, StringComparison.Ordinal);
        Assert.Equal(SchemaLine + lineOffset, line);
    }

    [Fact]
    public void Recursion_with_no_base_case_is_an_error_that_shows_the_loop()
    {
        // Every node requires a child node: no finite JSON value is valid.
        var diagnostics = Generate("endless", """
            $ref: '#/$defs/node'
            $defs:
              node:
                type: object
                required: [value, next]
                properties:
                  value: {type: integer}
                  next: {$ref: '#/$defs/node'}
            """);

        var (line, message) = Single(diagnostics, "SKILL1006");
        Assert.Equal(SchemaLine + 7, line);
        Assert.Contains("every value needs another such value inside it (#/$defs/node → #/$defs/node/properties/next → #/$defs/node)", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{$ref: '#/$defs/node', $defs: {node: {type: object, required: [value], properties: {value: {type: integer}, next: {$ref: '#/$defs/node'}}}}}")]
    [InlineData("{$ref: '#/$defs/node', $defs: {node: {type: object, required: [children], properties: {children: {type: array, items: {$ref: '#/$defs/node'}}}}}}")]
    [InlineData("{$ref: '#/$defs/node', $defs: {node: {type: [object, 'null'], required: [next], properties: {next: {$ref: '#/$defs/node'}}}}}")]
    [InlineData("{allOf: [{type: integer}, {type: number, minimum: 1, maximum: 1}]}")]
    [InlineData("{type: integer, const: 1.0}")]
    [InlineData("{type: object, required: [a], properties: {a: {anyOf: [false, {type: string}]}}, not: {type: string}}")]
    [InlineData("{type: array, items: false}")]
    [InlineData("{type: object, properties: {never: false}}")]
    public void Schemas_some_value_satisfies_are_not_reported(string schema)
    {
        var diagnostics = Generate("fine", schema);
        Assert.DoesNotContain(diagnostics, d => d.Id == "SKILL1006");
    }

    [Fact]
    public void A_one_of_branch_another_branch_covers_is_a_warning_at_the_branch()
    {
        var diagnostics = Generate("dates", """
            type: object
            properties:
              when:
                oneOf:
                  - {type: string}
                  - {type: string, format: date}
              count:
                oneOf:
                  - {type: number}
                  - {type: integer, minimum: 0}
              part:
                oneOf:
                  - {type: object, required: [type], properties: {type: {const: a}}}
                  - {type: object, required: [type], properties: {type: {const: b}}}
            """);

        var warnings = diagnostics.Where(d => d.Id == "SKILL1007").OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(DiagnosticSeverity.Warning, w.Severity));
        Assert.Equal([SchemaLine + 5, SchemaLine + 9], warnings.Select(w => w.Location.GetLineSpan().StartLinePosition.Line + 1));
        Assert.Equal(
            "In the output schema at '#/properties/when/oneOf', every value that branch 1 accepts is accepted by branch 0 too, so oneOf rejects all of them; make the branches exclusive (a 'const' property of their own, or different 'type's), remove branch 1, or use 'anyOf'",
            warnings[0].GetMessage(CultureInfo.InvariantCulture));
        Assert.Contains("branch 1 accepts is accepted by branch 0", warnings[1].GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void A_thousand_branch_tagged_union_generates_and_compiles_in_bounded_time()
    {
        var schema = new StringBuilder("oneOf:\n");
        for (var i = 0; i < 1000; i++)
        {
            schema.Append(CultureInfo.InvariantCulture, $"  - {{type: object, required: [kind], properties: {{kind: {{const: k{i}}}, v{i}: {{type: integer}}}}}}\n");
        }

        var clock = Stopwatch.StartNew();
        var (diagnostics, assembly) = new GeneratorHarness().AddSkill("/project/wide/SKILL.md", Skill("wide", schema.ToString().TrimEnd())).CompileAndLoad();
        clock.Stop();
        Assert.NotNull(assembly);
        Assert.DoesNotContain(diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        TestContext.Current.TestOutputHelper?.WriteLine($"1,000-branch union: generated, compiled and loaded in {clock.ElapsedMilliseconds} ms");

        var contract = assembly.GetType("Consumer.Skills.WideSkill")!.GetProperty("Contract")!.GetValue(null)!;
        var arguments = new object?[] { """{"kind":"k999","v999":3}""", null, null };
        Assert.True((bool)contract.GetType().GetMethod("TryReadOutput")!.Invoke(contract, arguments)!);
        Assert.Equal("WideOutputK999", arguments[1]!.GetType().Name);

        // Generous for a loaded CI machine (about 45 s on two cores, growing linearly: 250 branches take 13 s); a quadratic step would take far longer.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(180), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_thousand_branch_untyped_union_is_one_checked_json_element()
    {
        var branches = string.Join(", ", Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? $"{{const: {i}}}" : $"{{type: string, pattern: '^v{i}$'}}"));
        var diagnostics = Generate("many", $"{{type: object, properties: {{value: {{oneOf: [{branches}]}}}}}}");
        Assert.Single(diagnostics, d => d.Id == "SKILL1002");
        Assert.DoesNotContain(diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
    }

    [Fact]
    public void Names_that_clash_in_csharp_get_numbers_and_the_code_compiles()
    {
        var schema = """
            type: object
            properties:
              a: {$ref: '#/$defs/foo_bar'}
              b: {$ref: '#/$defs/fooBar'}
              c: {$ref: '#/$defs/foo-bar'}
              d: {$ref: '#/$defs/output'}
              e: {$ref: '#/$defs/input'}
              f: {$ref: '#/$defs/skill'}
              g: {$ref: '#/$defs/catalog'}
              h: {$ref: '#/$defs/1st'}
              i: {$ref: '#/$defs/class'}
              j: {$ref: '#/$defs/'}
              kind: {type: string, enum: [x, y]}
              k: {$ref: '#/$defs/kind'}
              x_y: {type: string}
              xY: {type: integer}
              XY: {type: boolean}
              names_output: {type: string}
              to_string: {type: string}
              shape:
                oneOf:
                  - {type: object, required: [t], properties: {t: {const: text-part}}}
                  - {type: object, required: [t], properties: {t: {const: text_part}}}
            $defs:
              foo_bar: {type: object, properties: {one: {type: string}}}
              fooBar: {type: object, properties: {two: {type: string}}}
              foo-bar: {type: object, properties: {three: {type: string}}}
              output: {type: object, properties: {inner: {type: string}}}
              input: {type: object, properties: {inner: {type: string}}}
              skill: {type: object, properties: {inner: {type: string}}}
              catalog: {type: object, properties: {inner: {type: string}}}
              1st: {type: object, properties: {inner: {type: string}}}
              class: {type: object, properties: {inner: {type: string}}}
              '': {type: object, properties: {inner: {type: string}}}
              kind: {type: object, properties: {inner: {type: string}}}
            """;
        var (diagnostics, assembly) = new GeneratorHarness().AddSkill("/project/names/SKILL.md", Skill("names", schema)).CompileAndLoad();
        DiagnosticTests.AssertNoProblems(diagnostics);

        var output = assembly!.GetType("Consumer.Skills.NamesOutput")!;
        string TypeOf(string property) => output.GetProperty(property)!.PropertyType.Name;
        Assert.Equal(
            ["NamesFooBar", "NamesFooBar2", "NamesFooBar3", "NamesOutput2", "NamesInput2", "NamesSkill2", "NamesCatalog", "Names_1st", "NamesClass", "Names_", "NamesKind2"],
            new[] { "A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K" }.Select(TypeOf));
        Assert.Equal(["XY", "XYValue", "XY2", "NamesOutputValue", "ToStringValue"], output.GetProperties().Select(p => p.Name).Where(n => n.StartsWith("XY", StringComparison.Ordinal) || n is "NamesOutputValue" or "ToStringValue"));
        Assert.Equal(2, assembly.GetTypes().Count(t => t.BaseType?.Name == "NamesShape"));

        var contract = assembly.GetType("Consumer.Skills.NamesSkill")!.GetProperty("Contract")!.GetValue(null)!;
        var arguments = new object?[] { """{"a":{"one":"1"},"b":{"two":"2"},"x_y":"s","xY":1,"XY":true,"shape":{"t":"text_part"}}""", null, null };
        Assert.True((bool)contract.GetType().GetMethod("TryReadOutput")!.Invoke(contract, arguments)!, string.Join("; ", (IEnumerable<SkillViolation>)arguments[2]!));
    }

    [Fact]
    public void A_class_name_that_shadows_a_framework_type_still_compiles()
    {
        // ClassName Json makes the prefix Json, so a definition named element becomes a type JsonElement.
        Generate("shadow", "{type: object, properties: {e: {$ref: '#/$defs/element'}, w: {$ref: '#/$defs/writer'}}, $defs: {element: {type: object, properties: {x: {type: string}}}, writer: {type: object, properties: {y: {type: integer}}}}}", ("ClassName", "Json"));
    }

    [Fact]
    public void A_recursive_branch_shared_by_two_unions_is_copied_once_not_forever()
    {
        // OpenAI's Filters: a union of a comparison and a compound filter whose items are that union
        // again. The compound record is a branch of two unions, so it is copied for the second;
        // the copy's own union is the first one's, so copying stops (it once overflowed the stack).
        var schema = """
            $ref: '#/$defs/filters'
            $defs:
              filters: {oneOf: [{$ref: '#/$defs/comparison'}, {$ref: '#/$defs/compound'}]}
              comparison: {type: object, required: [type, key], properties: {type: {enum: [eq, ne]}, key: {type: string}}}
              compound:
                type: object
                required: [type, filters]
                properties:
                  type: {enum: [and, or]}
                  filters: {type: array, items: {oneOf: [{$ref: '#/$defs/comparison'}, {$ref: '#/$defs/compound'}]}}
            """;
        var (diagnostics, assembly) = new GeneratorHarness().AddSkill("/project/filters/SKILL.md", Skill("filters", schema)).CompileAndLoad();
        DiagnosticTests.AssertNoProblems(diagnostics);
        var contract = assembly!.GetType("Consumer.Skills.FiltersSkill")!.GetProperty("Contract")!.GetValue(null)!;
        var arguments = new object?[] { """{"type":"and","filters":[{"type":"eq","key":"a"},{"type":"or","filters":[]}]}""", null, null };
        Assert.True((bool)contract.GetType().GetMethod("TryReadOutput")!.Invoke(contract, arguments)!, string.Join("; ", (IEnumerable<SkillViolation>)arguments[2]!));
    }

    [Fact]
    public void A_chain_of_references_deeper_than_the_mapper_goes_is_a_checked_json_element()
    {
        // 200 definitions, each an object holding the next: the mapper stops at its depth limit
        // (a JsonElement checked by the validator) instead of running off the compiler's stack.
        var defs = string.Join("\n", Enumerable.Range(0, 200).Select(i => $"  d{i}: {{type: object, properties: {{next: {{$ref: '#/$defs/d{i + 1}'}}}}}}"));
        var schema = $"$ref: '#/$defs/d0'\n$defs:\n{defs}\n  d200: {{type: string}}";
        var diagnostics = Generate("chain", schema);
        Assert.Contains(diagnostics, d => d.Id == "SKILL1002" && d.GetMessage(CultureInfo.InvariantCulture).Contains("nest more than 128 deep", StringComparison.Ordinal));
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }
}
