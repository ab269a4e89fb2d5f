using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using SkillRt.Schemas;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Handoff.Tests.Spec;

/// <summary>
/// Every JSON example in spec/HANDOFF-SPEC.md parses, and every envelope and result in it (also those
/// inside the A2A and MCP messages) is valid against the spec's schemas, read from spec/ directly.
/// </summary>
public sealed partial class SpecExampleTests
{
    private static readonly string SpecText = File.ReadAllText(Path.Combine(TestPaths.Spec, "HANDOFF-SPEC.md"));

    private static JsonSchemaValidator Schema(string file) => JsonSchemaValidator.Create(File.ReadAllText(Path.Combine(TestPaths.Spec, file)));

    public static TheoryData<int> Blocks() => [.. Enumerable.Range(0, JsonBlock().Count(SpecText))];

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Each_envelope_and_result_in_an_example_is_valid(int index)
    {
        using var document = JsonDocument.Parse(JsonBlock().Matches(SpecText)[index].Groups[1].Value);
        var found = 0;
        foreach (var value in Objects(document.RootElement))
        {
            JsonSchemaValidator? schema =
                value.TryGetProperty("handoff", out _) ? Schema("handoff-envelope.schema.json")
                : value.TryGetProperty("taskId", out _) && value.TryGetProperty("usage", out _) ? Schema("handoff-result.schema.json")
                : null;
            if (schema is not null)
            {
                found++;
                Assert.Empty(schema.Validate(value).Select(e => e.ToString()));
            }
        }

        Assert.True(found > 0, $"Example {index} holds no envelope or result.");
    }

    [Fact]
    public void The_spec_has_examples_of_both_and_of_each_binding()
    {
        Assert.True(JsonBlock().Count(SpecText) >= 6);
        Assert.Contains("\"method\": \"message/send\"", SpecText, System.StringComparison.Ordinal);
        Assert.Contains("\"method\": \"tools/call\"", SpecText, System.StringComparison.Ordinal);
    }

    [Fact]
    public void The_envelope_example_also_passes_the_checks_a_schema_cannot_make()
    {
        using var document = JsonDocument.Parse(JsonBlock().Matches(SpecText)[0].Groups[1].Value);
        var context = new HandoffValidationContext
        {
            ParentGrants = new HandoffGrants { Tools = ["read_file", "write_file"], Permissions = new HandoffPermissions { Filesystem = ["**"] } },
        };
        Assert.Empty(HandoffEnvelopeValidator.Validate(document.RootElement, context));
    }

    [Fact]
    public void The_embedded_schemas_are_the_spec_files()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.Spec, "handoff-envelope.schema.json")), HandoffSchemas.Load("handoff-envelope.schema.json"));
        Assert.Equal(File.ReadAllText(Path.Combine(TestPaths.Spec, "handoff-result.schema.json")), HandoffSchemas.Load("handoff-result.schema.json"));
    }

    private static IEnumerable<JsonElement> Objects(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            yield return value;
            foreach (var property in value.EnumerateObject())
            {
                foreach (var inner in Objects(property.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                foreach (var inner in Objects(item))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
