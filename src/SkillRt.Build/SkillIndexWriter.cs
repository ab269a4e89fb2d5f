using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace SkillRt.Build;

/// <summary>
/// Writes <c>skills/index.json</c>, the manifest of the skills in a package, so tools can list and
/// check them without opening every SKILL.md. The output is stable: same skills, same bytes.
/// </summary>
/// <remarks>Written by hand: System.Text.Json is not available to netstandard2.0 tasks without shipping a copy that could clash with MSBuild's.</remarks>
internal static class SkillIndexWriter
{
    public static string Write(IReadOnlyList<PackedSkill> skills)
    {
        var json = new StringBuilder();
        json.Append("{\n  \"schemaVersion\": 1,\n  \"skills\": [");
        for (var i = 0; i < skills.Count; i++)
        {
            var skill = skills[i];
            var manifest = skill.Manifest;
            json.Append(i == 0 ? "\n" : ",\n").Append("    {\n");
            Property(json, "name", String(skill.Name));
            Property(json, "version", manifest.Version is { } version ? String(version.ToString()) : "null");
            Property(json, "description", manifest.Description is { } description ? String(description) : "null");
            Property(json, "path", String(skill.Files[0].PackagePath));
            Property(json, "runtime", String(manifest.Runtime.Type.ToWireName()));
            Property(json, "inputSchema", SkillSchemas.ForInputs(manifest.Inputs));
            Property(json, "outputType", String(manifest.Output.Type.ToWireName()));
            Property(json, "outputSchema", SkillSchemas.ForOutput(manifest.Output) ?? "null");
            Property(json, "permissions", Permissions(manifest.Permissions));
            Property(json, "dependencies", Dependencies(manifest.Dependencies));
            Property(json, "tags", Array(manifest.Tags));
            json.Append("      \"files\": [");
            for (var f = 0; f < skill.Files.Count; f++)
            {
                var file = skill.Files[f];
                json.Append(f == 0 ? "\n" : ",\n")
                    .Append("        {\"path\": ").Append(String(file.PackagePath))
                    .Append(", \"sha256\": ").Append(String(file.Sha256)).Append('}');
            }

            json.Append("\n      ]\n    }");
        }

        return json.Append(skills.Count == 0 ? "]\n}\n" : "\n  ]\n}\n").ToString();
    }

    private static void Property(StringBuilder json, string name, string value) =>
        json.Append("      ").Append(String(name)).Append(": ").Append(value).Append(",\n");

    private static string Permissions(SkillPermissions permissions) =>
        "{\"network\": " + Array(permissions.Network) +
        ", \"filesystem\": [" + string.Join(", ", permissions.Filesystem.Select(r => "{\"path\": " + String(r.Pattern) + ", \"access\": " + String(r.Access.ToWireName()) + "}")) + "]" +
        ", \"env\": " + Array(permissions.Environment) + "}";

    private static string Dependencies(SkillDependencies dependencies) =>
        "{\"skills\": " + Array(dependencies.Skills.Select(d => d.ToString())) +
        ", \"tools\": " + Array(dependencies.Tools) +
        ", \"mcpServers\": " + Array(dependencies.McpServers) + "}";

    private static string Array(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(String)) + "]";

    private static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        FrontmatterJsonWriter.WriteString(value, builder);
        return builder.ToString();
    }
}
