using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SkillRt.Generators.Tests;

/// <summary>
/// The C# types of the schemas people write (issue 25): nullable unions, tagged unions, recursive
/// <c>$defs</c>, <c>allOf</c> merges, <c>const</c> and mixed enums, and what stays a checked
/// <c>JsonElement</c>. Each skill is generated, compiled and loaded; its types are inspected and its
/// reader run on valid and invalid JSON.
/// </summary>
public sealed class SchemaCompositionTests
{
    private static readonly NullabilityInfoContext Nullability = new();

    private static string Skill(string name, string schema) =>
        $"---\nname: {name}\ndescription: A composition case.\nversion: 1.0.0\ninputs: []\noutputs:\n  type: json\n  schema: {schema.ReplaceLineEndings("\n    ")}\n---\nGo.\n";

    private sealed record Generated(Assembly Assembly, object Contract, IReadOnlyList<Diagnostic> Diagnostics)
    {
        public Type Type(string name) => Assembly.GetType("Consumer.Skills." + name) ?? throw new InvalidOperationException($"No type {name}: " + string.Join(", ", Assembly.GetTypes().Select(t => t.Name)));

        public (bool Valid, object? Output, string[] Violations) Read(string json)
        {
            var arguments = new object?[] { json, null, null };
            var valid = (bool)Contract.GetType().GetMethod("TryReadOutput")!.Invoke(Contract, arguments)!;
            return (valid, arguments[1], ((IEnumerable<SkillViolation>)arguments[2]!).Select(v => v.ToString()).ToArray());
        }

        public string Write(object output) => ((JsonElement)Contract.GetType().GetMethod("SerializeOutput")!.Invoke(Contract, [output])!).GetRawText();
    }

    /// <summary>Generates and compiles one skill; no warning or error may come of it.</summary>
    private static Generated Compile(string name, string schema)
    {
        var (diagnostics, assembly) = new GeneratorHarness().AddSkill($"/project/{name}/SKILL.md", Skill(name, schema)).CompileAndLoad();
        DiagnosticTests.AssertNoProblems(diagnostics);
        var className = string.Concat(name.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..])) + "Skill";
        var contract = assembly!.GetType("Consumer.Skills." + className)!.GetProperty("Contract")!.GetValue(null)!;
        return new Generated(assembly, contract, diagnostics);
    }

    private static string Describe(PropertyInfo property)
    {
        var type = property.PropertyType;
        var nullable = Nullable.GetUnderlyingType(type) is not null || Nullability.Create(property).ReadState == NullabilityState.Nullable;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.Name + (nullable ? "?" : string.Empty);
    }

    [Fact]
    public void A_pydantic_nullable_field_is_a_nullable_type()
    {
        // As Pydantic writes Optional[str] and Optional[int], and type: [T, "null"].
        var skill = Compile("pydantic", """
            {type: object, title: Person, required: [name, age, nick],
             properties: {
               name: {anyOf: [{type: string}, {type: 'null'}], title: Name},
               age: {anyOf: [{type: integer, minimum: 0}, {type: 'null'}], default: null, title: Age},
               nick: {type: [string, 'null'], maxLength: 3},
               kind: {oneOf: [{type: 'null'}, {$ref: '#/$defs/kind'}]}},
             $defs: {kind: {type: string, enum: [a, b]}}}
            """);

        var output = skill.Type("PydanticOutput");
        Assert.Equal(["String?", "Int64?", "String?", "PydanticKind?"], new[] { "Name", "Age", "Nick", "Kind" }.Select(p => Describe(output.GetProperty(p)!)));
        Assert.DoesNotContain(skill.Diagnostics, d => d.Id.StartsWith("SKILL", StringComparison.Ordinal));

        Assert.True(skill.Read("""{"name":null,"age":null,"nick":null,"kind":null}""").Valid);
        var read = skill.Read("""{"name":"Ada","age":36,"nick":"ada","kind":"b"}""");
        Assert.True(read.Valid, string.Join("; ", read.Violations));
        Assert.Equal(36L, output.GetProperty("Age")!.GetValue(read.Output));
        Assert.Equal(
            [
                "/name: Expected a string but found the number 1.",
                "/age: The value -1 is less than the minimum 0.",
                "/nick: The string is 4 characters long; it must be at most 3 characters.",
                "/kind: The string \"c\" is not allowed; use one of \"a\", \"b\".",
            ],
            skill.Read("""{"name":1,"age":-1,"nick":"abcd","kind":"c"}""").Violations);
        Assert.Equal(["(root): The required property 'age' is missing."], skill.Read("""{"name":null,"nick":null}""").Violations);
    }

    private const string ContentParts = """
        {type: object, required: [content],
         properties: {content: {type: array, items: {$ref: '#/$defs/part'}}},
         $defs: {
           part: {oneOf: [{$ref: '#/$defs/text'}, {$ref: '#/$defs/image'}, {$ref: '#/$defs/refusal'}], description: A part of a message.},
           text: {type: object, title: TextPart, additionalProperties: false, required: [type, text],
                  properties: {type: {type: string, const: text}, text: {type: string, minLength: 1}}},
           image: {type: object, title: ImagePart, required: [type, image_url],
                   properties: {type: {type: string, enum: [image_url]}, image_url: {type: object, required: [url], properties: {url: {type: string}, detail: {type: string, enum: [auto, low, high]}}}}},
           refusal: {type: object, title: RefusalPart, required: [type, refusal], properties: {type: {const: refusal}, refusal: {type: string}}}}}
        """;

    [Fact]
    public void An_openai_style_tagged_union_is_a_sealed_record_hierarchy()
    {
        var skill = Compile("parts", ContentParts);

        var part = skill.Type("PartsPart");
        Assert.True(part.IsAbstract);
        foreach (var name in new[] { "PartsTextPart", "PartsImagePart", "PartsRefusalPart" })
        {
            Assert.True(skill.Type(name).IsSealed);
            Assert.Equal(part, skill.Type(name).BaseType);
        }

        var json = """{"content":[{"type":"text","text":"Hi"},{"type":"image_url","image_url":{"url":"https://x.test/a.png","detail":"low"}},{"type":"refusal","refusal":"No."}]}""";
        var read = skill.Read(json);
        Assert.True(read.Valid, string.Join("; ", read.Violations));
        var content = ((System.Collections.IEnumerable)skill.Type("PartsOutput").GetProperty("Content")!.GetValue(read.Output)!).Cast<object>().ToList();
        Assert.Equal(["PartsTextPart", "PartsImagePart", "PartsRefusalPart"], content.Select(c => c.GetType().Name));
        Assert.Equal(json, skill.Write(read.Output!));

        Assert.Equal(
            [
                "/content/0/extra: The property 'extra' is not allowed; the allowed properties are type, text.",
                "/content/1/image_url: The required property 'url' is missing.",
                "/content/2/type: The string \"video\" is not allowed; use one of \"text\", \"image_url\", \"refusal\".",
                "/content/3: The required property 'type' is missing; it says which this object is: \"text\" (PartsTextPart), \"image_url\" (PartsImagePart), \"refusal\" (PartsRefusalPart).",
                "/content/4/type: Expected a string but found the number 1.",
                "/content/5: Expected an object but found the string \"text\".",
            ],
            skill.Read("""{"content":[{"type":"text","text":"a","extra":1},{"type":"image_url","image_url":{}},{"type":"video"},{"text":"a"},{"type":1},"text"]}""").Violations);
    }

    [Fact]
    public void A_union_told_apart_by_required_properties_says_which_branch_failed_and_why()
    {
        var skill = Compile("shapes", """
            {oneOf: [
               {type: object, title: Circle, required: [radius], properties: {radius: {type: number, exclusiveMinimum: 0}}},
               {type: object, title: Square, required: [side], properties: {side: {type: number, minimum: 1}}}]}
            """);

        Assert.True(skill.Type("ShapesOutput").IsAbstract);
        Assert.Equal("ShapesCircle", skill.Read("""{"radius":2}""").Output!.GetType().Name);
        Assert.Equal("ShapesSquare", skill.Read("""{"side":2}""").Output!.GetType().Name);
        Assert.Equal(
            ["(root): The object is none of ShapesCircle, ShapesSquare (ShapesCircle requires radius; ShapesSquare requires side).", "/side: As ShapesSquare: The value 0 is less than the minimum 1."],
            skill.Read("""{"side":0}""").Violations);
        Assert.Equal(
            ["(root): The object is none of ShapesCircle, ShapesSquare (ShapesCircle requires radius; ShapesSquare requires side)."],
            skill.Read("""{"diameter":2}""").Violations);
        Assert.Equal(
            ["(root): The object is both a ShapesCircle and a ShapesSquare; it must be exactly one of ShapesCircle, ShapesSquare."],
            skill.Read("""{"radius":1,"side":1}""").Violations);
    }

    [Fact]
    public void A_recursive_defs_tree_is_one_shared_recursive_record()
    {
        var skill = Compile("tree", """
            {$ref: '#/$defs/node',
             $defs: {node: {type: object, required: [value],
                            properties: {value: {type: integer}, label: {anyOf: [{type: string}, {type: 'null'}]},
                                         children: {type: array, items: {$ref: '#/$defs/node'}}}}}}
            """);

        var node = skill.Type("TreeNode");
        Assert.Single(skill.Assembly.GetTypes(), t => t.Name.StartsWith("TreeNode", StringComparison.Ordinal));
        Assert.Equal(typeof(IReadOnlyList<>).MakeGenericType(node), node.GetProperty("Children")!.PropertyType);

        var json = """{"value":1,"label":null,"children":[{"value":2,"children":[{"value":3,"label":"leaf"}]}]}""";
        var read = skill.Read(json);
        Assert.True(read.Valid, string.Join("; ", read.Violations));
        Assert.Equal(["/children/0/children/0/value: Expected an integer but found the string \"3\".", "/children/1: The required property 'value' is missing."],
            skill.Read("""{"value":1,"children":[{"value":2,"children":[{"value":"3"}]},{}]}""").Violations);
    }

    [Fact]
    public void An_all_of_of_compatible_objects_merges_into_one_record()
    {
        var skill = Compile("merged", """
            {allOf: [{$ref: '#/$defs/named'}, {type: object, required: [id], properties: {id: {type: integer}, name: {type: string}}}],
             properties: {tags: {type: array, items: {type: string}}},
             $defs: {named: {type: object, required: [name], properties: {name: {type: string}}, description: Something with a name.}}}
            """);

        var output = skill.Type("MergedOutput");
        Assert.Equal(["Tags", "Name", "Id"], output.GetProperties().Where(p => p.DeclaringType == output && p.Name != "EqualityContract").Select(p => p.Name));
        Assert.Equal(["String[]?", "String", "Int64"], new[] { "Tags", "Name", "Id" }.Select(p => Describe(output.GetProperty(p)!).Replace("IReadOnlyList`1", "String[]", StringComparison.Ordinal)));
        Assert.True(skill.Read("""{"name":"n","id":1,"tags":["a"]}""").Valid);
        Assert.Equal(["(root): The required property 'name' is missing.", "/id: Expected an integer but found the string \"1\"."],
            skill.Read("""{"id":"1"}""").Violations.Order(StringComparer.Ordinal));

        // Parts that disagree on a property cannot merge: a checked JsonElement, with an info diagnostic.
        var (diagnostics, _) = new GeneratorHarness().AddSkill("/project/clash/SKILL.md", Skill("clash", "{allOf: [{properties: {a: {type: string}}}, {properties: {a: {type: integer}}}]}")).CompileAndLoad();
        var info = Assert.Single(diagnostics, d => d.Id == "SKILL1002");
        Assert.Equal(DiagnosticSeverity.Info, info.Severity);
    }

    [Fact]
    public void Const_and_enums_get_the_type_of_their_values()
    {
        var skill = Compile("consts", """
            {type: object, properties: {
               version: {const: 2}, ratio: {enum: [0.5, 1]}, flag: {const: true}, word: {const: yes}, maybe: {enum: [1, 2, null]},
               mixed: {enum: [1, one, true]}}}
            """);

        var output = skill.Type("ConstsOutput");
        Assert.Equal(["Int64?", "Double?", "Boolean?", "String?", "Int64?", "JsonElement?"],
            new[] { "Version", "Ratio", "Flag", "Word", "Maybe", "Mixed" }.Select(p => Describe(output.GetProperty(p)!)));
        Assert.True(skill.Read("""{"version":2,"ratio":0.5,"flag":true,"word":"yes","maybe":null,"mixed":"one"}""").Valid);
        Assert.Equal(
            [
                "/version: The number 3 is not allowed; use one of 2.",
                "/ratio: The number 2 is not allowed; use one of 0.5, 1.",
                "/mixed: False is not allowed; use one of 1, \"one\", true.",
            ],
            skill.Read("""{"version":3,"ratio":2,"mixed":false}""").Violations);
        var info = Assert.Single(skill.Diagnostics, d => d.Id == "SKILL1002");
        Assert.Contains("several JSON types", info.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void What_has_no_exact_type_is_a_json_element_checked_against_the_schema()
    {
        var skill = Compile("untyped", """
            {type: object, properties: {
               point: {type: array, prefixItems: [{type: number}, {type: number}]},
               labels: {type: object, patternProperties: {'^x-': {type: string}, '^n-': {type: integer}}, additionalProperties: false},
               notEmpty: {not: {const: ''}},
               either: {anyOf: [{type: string}, {type: integer}]},
               named: {$ref: '#/$defs/named', required: [name]}},
             $defs: {named: {type: object, properties: {name: {type: string}}}}}
            """);

        var output = skill.Type("UntypedOutput");
        Assert.Equal(["JsonElement?", "JsonElement?", "JsonElement?", "JsonElement?", "UntypedNamed?"],
            new[] { "Point", "Labels", "NotEmpty", "Either", "Named" }.Select(p => Describe(output.GetProperty(p)!)));
        Assert.All(skill.Diagnostics, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        Assert.Equal(5, skill.Diagnostics.Count(d => d.Id is "SKILL1002" or "SKILL1004"));

        Assert.True(skill.Read("""{"point":[1,2],"labels":{"x-a":"b"},"notEmpty":"a","either":3,"named":{"name":"n"}}""").Valid);
        var violations = skill.Read("""{"point":[1,"2"],"labels":{"n-a":"b"},"notEmpty":"","either":true,"named":{}}""").Violations;
        Assert.Equal(
            [
                "/point/1: Expected a number but found the string \"2\".",
                "/labels/n-a: Expected an integer but found the string \"b\".",
                "/notEmpty: The value must not match the schema at '/properties/notEmpty/not' (not), but it does; change it.",
                "/either: The value matches none of the 2 alternatives of anyOf: (1) Expected a string but found true. (2) Expected an integer but found true.",
            ],
            violations);

        // The check beside the $ref runs when the typed reading found nothing else wrong.
        Assert.Equal(["/named: The required property 'name' is missing."], skill.Read("""{"named":{}}""").Violations.Select(v => v.Replace("(root)", "/named", StringComparison.Ordinal)));
    }

    [Fact]
    public void Closed_prefix_items_are_a_value_tuple()
    {
        var skill = Compile("tuples", """
            {type: object, required: [point], properties: {
               point: {type: array, prefixItems: [{type: number}, {type: number}], items: false, minItems: 2},
               range: {type: array, prefixItems: [{type: integer, minimum: 0}, {type: string}], minItems: 1, maxItems: 2},
               single: {type: array, prefixItems: [{type: boolean}], items: false, minItems: 1, maxItems: 4}}}
            """);

        var output = skill.Type("TuplesOutput");
        Assert.Equal(["ValueTuple`2", "ValueTuple`2?", "ValueTuple`1?"], new[] { "Point", "Range", "Single" }.Select(p => Describe(output.GetProperty(p)!)));
        Assert.Equal([typeof(long), typeof(string)], Nullable.GetUnderlyingType(output.GetProperty("Range")!.PropertyType)!.GetGenericArguments());

        var json = """{"point":[1.5,2],"range":[3],"single":[true]}""";
        var read = skill.Read(json);
        Assert.True(read.Valid, string.Join("; ", read.Violations));
        Assert.Equal(json, skill.Write(read.Output!));
        Assert.True(skill.Read("""{"point":[0,0],"range":[3,"b"]}""").Valid);

        Assert.Equal(
            [
                "/point: The array has 3 items; it must have at most 2 items.",
                "/range/0: The value -1 is less than the minimum 0.",
                "/range/1: Expected a string but found null.",
                "/single: The array has 0 items; it must have at least 1 item.",
            ],
            skill.Read("""{"point":[1,2,3],"range":[-1,null],"single":[]}""").Violations);
        Assert.Equal(["/point: The array has 1 item; it must have at least 2 items."], skill.Read("""{"point":[1]}""").Violations);

        // items: false closes the tuple even where maxItems would allow more.
        Assert.Equal(["/single: The array has 2 items; it must have at most 1 item."], skill.Read("""{"point":[1,2],"single":[true,false]}""").Violations);
    }

    [Fact]
    public void Pattern_properties_are_a_typed_dictionary_beside_the_known_properties()
    {
        var skill = Compile("patterns", """
            {type: object, properties: {
               headers: {type: object, properties: {id: {type: integer}}, patternProperties: {'^x-': {type: string, maxLength: 3}}, additionalProperties: false},
               tags: {type: object, patternProperties: {'^[a-z]+$': {type: integer}}}}}
            """);

        var headers = skill.Type("PatternsHeaders");
        Assert.Equal(["Int64?", "IReadOnlyDictionary`2?"], new[] { "Id", "PatternProperties" }.Select(p => Describe(headers.GetProperty(p)!)));
        Assert.Equal([typeof(string), typeof(long)], new[] { headers, skill.Type("PatternsTags") }.Select(t => t.GetProperty("PatternProperties")!.PropertyType.GetGenericArguments()[1]));

        var read = skill.Read("""{"headers":{"id":1,"x-a":"abc"},"tags":{"a":1,"B":"x"}}""");
        Assert.True(read.Valid, string.Join("; ", read.Violations));
        Assert.Equal("""{"headers":{"id":1,"x-a":"abc"},"tags":{"a":1}}""", skill.Write(read.Output!));

        Assert.Equal(
            [
                "/headers/x-a: The string is 4 characters long; it must be at most 3 characters.",
                "/headers/y: The property 'y' is not allowed; the allowed properties are id, and names that match ^x-.",
                "/tags/a: Expected an integer but found the string \"1\".",
            ],
            skill.Read("""{"headers":{"id":1,"x-a":"abcd","y":1},"tags":{"a":"1"}}""").Violations);
        Assert.DoesNotContain(skill.Diagnostics, d => d.Id == "SKILL1002");
    }

    [Fact]
    public void A_known_property_that_matches_a_pattern_is_checked_against_both_schemas()
    {
        var skill = Compile("both", """
            {type: object, properties: {'x-id': {type: string}}, patternProperties: {'^x-': {maxLength: 3}}}
            """);

        Assert.NotNull(skill.Type("BothOutput").GetProperty("PatternProperties"));
        Assert.True(skill.Read("""{"x-id":"abc"}""").Valid);
        Assert.False(skill.Read("""{"x-id":"abcd"}""").Valid);
    }
}
