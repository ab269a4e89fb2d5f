using System.Text.Json;

namespace SkillRt.Memory.Tests.Infrastructure;

/// <summary>The kinds the tests write, and values for them.</summary>
internal static class TestKinds
{
    public const string Note = "rtt-api-note";

    public const string NoteSchema = """
        {
          "type": "object",
          "properties": {
            "summary": { "type": "string", "minLength": 1 },
            "endpoint": { "type": "string" },
            "retries": { "type": "integer", "minimum": 0 },
            "stable": { "type": "boolean" },
            "labels": { "type": "array", "items": { "type": "string" } },
            "extra": {}
          },
          "required": ["summary"],
          "additionalProperties": false
        }
        """;

    public const string Fact = "fact";

    public const string FactSchema = """{ "type": "string" }""";

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static JsonElement NoteValue(string summary, int retries = 0, string endpoint = "/v1/rtt", bool stable = true) =>
        JsonSerializer.SerializeToElement(new { summary, endpoint, retries, stable });
}
