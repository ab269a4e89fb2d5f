using System.Text.Json;

namespace SkillRt.Registry.Search;

/// <summary>
/// Whether a package version has a <em>typed output</em>: at least one of its skills returns JSON
/// described by a JSON Schema (<c>outputs: { type: json, schema: … }</c>; in the stored manifest,
/// <c>skills[].output.schema</c> is not null). A caller of such a skill gets a value it can check and
/// bind to a generated class. A <c>json</c> output without a schema, text and files are untyped.
/// </summary>
internal static class TypedOutput
{
    /// <summary>Reads <see cref="Storage.PackageVersionRecord.ManifestJson"/>; false when it is not a manifest.</summary>
    public static bool Of(string? manifestJson)
    {
        if (string.IsNullOrEmpty(manifestJson))
        {
            return false;
        }

        try
        {
            using var manifest = JsonDocument.Parse(manifestJson);
            if (!manifest.RootElement.TryGetProperty("skills", out var skills) || skills.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var skill in skills.EnumerateArray())
            {
                if (skill.ValueKind == JsonValueKind.Object
                    && skill.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Object
                    && output.TryGetProperty("schema", out var schema) && schema.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                {
                    return true;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            // Publish writes the manifest, so this is a row written by hand; it is untyped rather than unsearchable.
            return false;
        }
    }
}
