using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using NuGet.Versioning;

namespace SkillRt.Registry.Publishing;

/// <summary>
/// Writes the typed manifest of a package version, stored in <c>registry_versions.ManifestJson</c> and
/// served as <c>v3/skills/{id}/{version}/manifest.json</c>:
/// <code>
/// { "schemaVersion": 1, "id": "Contoso.PrReview", "version": "1.1.0",
///   "skills": [ { "name", "version", "description", "path", "mode": "structured",
///     "runtime": { "type": "process", "minVersion": null, "server": null, "tool": null },
///     "inputs": [ { "name", "type", "required", "description", "enum": [], "default": …, "schema": … } ],
///     "inputSchema": { …JSON Schema of the input object… },
///     "output": { "type": "json", "schema": { … } | null },
///     "permissions": { "network": [], "filesystem": [ { "path", "access" } ], "env": [] },
///     "dependencies": { "skills": [ { "name", "range" } ], "tools": [], "mcpServers": [] },
///     "tags": [] } ] }
/// </code>
/// The schemas are the ones <see cref="SkillSchemas"/> writes for the generator and the runners, so a
/// client checks inputs against the same schema the skill's own code does.
/// </summary>
internal static class SkillManifestJson
{
    public static string Write(string id, NuGetVersion version, IReadOnlyList<PackageSkill> skills)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 1);
            json.WriteString("id", id);
            json.WriteString("version", version.ToNormalizedString());
            json.WriteStartArray("skills");
            foreach (var skill in skills.OrderBy(s => s.Name, System.StringComparer.Ordinal))
            {
                WriteSkill(json, skill);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteSkill(Utf8JsonWriter json, PackageSkill skill)
    {
        var manifest = skill.Manifest;
        json.WriteStartObject();
        json.WriteString("name", skill.Name);
        json.WriteString("version", manifest.Version?.ToString());
        json.WriteString("description", manifest.Description);
        json.WriteString("path", skill.Path);
        json.WriteString("mode", skill.Mode == SkillMode.Structured ? "structured" : "prose");

        json.WriteStartObject("runtime");
        json.WriteString("type", manifest.Runtime.Type.ToWireName());
        json.WriteString("minVersion", manifest.Runtime.MinVersion?.ToString());
        json.WriteString("server", manifest.Runtime.Server);
        json.WriteString("tool", manifest.Runtime.Tool);
        json.WriteEndObject();

        json.WriteStartArray("inputs");
        foreach (var input in manifest.Inputs)
        {
            json.WriteStartObject();
            json.WriteString("name", input.Name);
            json.WriteString("type", input.Type.ToWireName());
            json.WriteBoolean("required", input.Required);
            json.WriteString("description", input.Description);
            Strings(json, "enum", input.EnumValues);
            Raw(json, "default", SkillSchemas.DefaultAsJson(input));
            Raw(json, "schema", input.Schema?.ToJson());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        Raw(json, "inputSchema", SkillSchemas.ForInputs(manifest.Inputs));

        json.WriteStartObject("output");
        json.WriteString("type", manifest.Output.Type.ToWireName());
        Raw(json, "schema", SkillSchemas.ForOutput(manifest.Output));
        json.WriteEndObject();

        json.WriteStartObject("permissions");
        Strings(json, "network", manifest.Permissions.Network);
        json.WriteStartArray("filesystem");
        foreach (var rule in manifest.Permissions.Filesystem)
        {
            json.WriteStartObject();
            json.WriteString("path", rule.Pattern);
            json.WriteString("access", rule.Access.ToWireName());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        Strings(json, "env", manifest.Permissions.Environment);
        json.WriteEndObject();

        json.WriteStartObject("dependencies");
        json.WriteStartArray("skills");
        foreach (var dependency in manifest.Dependencies.Skills)
        {
            json.WriteStartObject();
            json.WriteString("name", dependency.Name);
            json.WriteString("range", dependency.Range.Text);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        Strings(json, "tools", manifest.Dependencies.Tools);
        Strings(json, "mcpServers", manifest.Dependencies.McpServers);
        json.WriteEndObject();

        Strings(json, "tags", manifest.Tags);
        json.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    // The validator's JSON writers produce these; they are valid JSON, written through as they are.
    private static void Raw(Utf8JsonWriter json, string name, string? value)
    {
        json.WritePropertyName(name);
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteRawValue(value, skipInputValidation: false);
        }
    }
}
