using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace SkillRt.Cli.Output;

/// <summary>
/// Writes one validated skill in the shape of the conformance suite's runner contract
/// (<c>conformance/README.md</c>, <c>conformance/schema/result.schema.json</c>): its mode, its frontmatter
/// as JSON (spec section 3.8), its body, its manifest with defaults applied, and its diagnostics.
/// Every implementation of the spec can print this shape, so the names are the spec's own
/// (<c>allowed-tools</c>, <c>min-version</c>), not this library's.
/// </summary>
internal static class ConformanceJson
{
    // A file rejected for its bytes, or whose frontmatter is never closed, has no body (spec 2.1, 2.2).
    private static readonly SkillDiagnosticDescriptor[] FileRejections =
    [
        SkillDiagnosticDescriptors.UnterminatedFrontmatter,
        SkillDiagnosticDescriptors.FileTooLarge,
        SkillDiagnosticDescriptors.InvalidUtf8,
        SkillDiagnosticDescriptors.NulCharacter,
    ];

    // A frontmatter nests at most 64 levels (spec 3.7); the reader must not be the tighter limit.
    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 256 };

    public static void Write(Utf8JsonWriter writer, string path, SkillValidationResult result)
    {
        var document = result.Document;
        writer.WriteStartObject();
        writer.WriteString("mode", document.Mode == SkillMode.Prose ? "prose" : "structured");
        writer.WritePropertyName("frontmatter");
        WriteRaw(writer, document.Frontmatter?.ToJson());

        // The SKILL.md's own rejection, not one of its sidecar's (which carries the sidecar's path).
        var rejected = result.Diagnostics.Any(d => d.FilePath is null && FileRejections.Contains(d.Descriptor));
        if (rejected)
        {
            writer.WriteNull("body");
        }
        else
        {
            writer.WriteString("body", document.Body);
        }

        writer.WritePropertyName("manifest");
        if (document.Mode == SkillMode.Structured && !result.HasErrors)
        {
            WriteManifest(writer, result.Manifest);
        }
        else
        {
            // A prose skill has no fields (spec 4.1); an invalid skill has no usable manifest.
            writer.WriteNullValue();
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? string.Empty;
        writer.WriteStartArray("diagnostics");
        foreach (var diagnostic in result.Diagnostics)
        {
            writer.WriteStartObject();
            writer.WriteString("id", diagnostic.Id);
            writer.WriteString("severity", diagnostic.Severity.ToString().ToLowerInvariant());
            writer.WriteNumber("line", diagnostic.Span.StartLine);
            writer.WriteNumber("column", diagnostic.Span.StartColumn);
            if (diagnostic.FilePath is { } file)
            {
                // A sidecar's problem: its position is in that file, named relative to the skill's folder.
                writer.WriteString("file", Path.GetRelativePath(folder, Path.GetFullPath(file)).Replace('\\', '/'));
            }

            writer.WriteString("message", diagnostic.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteManifest(Utf8JsonWriter writer, SkillManifest manifest)
    {
        writer.WriteStartObject();
        writer.WriteString("name", manifest.Name);
        writer.WriteString("description", manifest.Description);
        writer.WriteString("version", manifest.Version?.ToString());
        WriteStrings(writer, "authors", manifest.Authors);
        writer.WriteString("license", manifest.License);
        writer.WriteString("compatibility", manifest.Compatibility);
        writer.WriteStartObject("metadata");
        foreach (var (key, value) in manifest.Metadata)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        WriteStrings(writer, "allowed-tools", manifest.AllowedTools);
        WriteStrings(writer, "tags", manifest.Tags);
        WriteRuntime(writer, manifest.Runtime);
        writer.WriteBoolean("template", manifest.DeclaresInputs);
        writer.WriteStartArray("inputs");
        foreach (var input in manifest.Inputs)
        {
            WriteInput(writer, input);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("outputs");
        writer.WriteString("type", manifest.Output.Type.ToWireName());
        writer.WritePropertyName("schema");
        WriteRaw(writer, manifest.Output.Schema?.ToJson());
        writer.WriteString("description", manifest.Output.Description);
        writer.WriteEndObject();
        WriteDependencies(writer, manifest.Dependencies);
        WritePermissions(writer, manifest.Permissions);
        WriteMemory(writer, manifest.Memory);
        writer.WriteStartObject("extensions");
        foreach (var entry in manifest.Extensions)
        {
            writer.WritePropertyName(entry.Name);
            WriteRaw(writer, entry.Value.ToJson());
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteRuntime(Utf8JsonWriter writer, SkillRuntime runtime)
    {
        writer.WriteStartObject("runtime");
        writer.WriteString("type", runtime.Type.ToWireName());
        writer.WriteString("min-version", runtime.MinVersion?.ToString());
        WriteStrings(writer, "command", runtime.Command);
        writer.WriteString("server", runtime.Server);
        writer.WriteString("tool", runtime.Tool);
        writer.WriteBoolean("allow-truncated-output", runtime.AllowTruncatedOutput);
        writer.WriteStartObject("model");
        writer.WriteString("id", runtime.Model.Id);
        if (runtime.Model.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature", temperature);
        }
        else
        {
            writer.WriteNull("temperature");
        }

        if (runtime.Model.MaxOutputTokens is { } maxOutputTokens)
        {
            writer.WriteNumber("max-output-tokens", maxOutputTokens);
        }
        else
        {
            writer.WriteNull("max-output-tokens");
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteInput(Utf8JsonWriter writer, SkillInput input)
    {
        writer.WriteStartObject();
        writer.WriteString("name", input.Name);
        writer.WriteString("type", input.Type.ToWireName());
        writer.WriteBoolean("required", input.Required);
        writer.WriteString("description", input.Description);
        if (input.Default is not null)
        {
            // Absent when there is none: a json input's default may itself be null.
            writer.WritePropertyName("default");
            WriteRaw(writer, SkillSchemas.DefaultAsJson(input) ?? "null");
        }

        if (input.EnumValues.Count > 0)
        {
            WriteStrings(writer, "enum", input.EnumValues);
        }
        else
        {
            writer.WriteNull("enum");
        }

        writer.WritePropertyName("schema");
        WriteRaw(writer, input.Schema?.ToJson());
        writer.WriteEndObject();
    }

    private static void WriteDependencies(Utf8JsonWriter writer, SkillDependencies dependencies)
    {
        writer.WriteStartObject("dependencies");
        writer.WriteStartArray("skills");
        foreach (var skill in dependencies.Skills)
        {
            writer.WriteStartObject();
            writer.WriteString("name", skill.Name);
            writer.WriteString("range", skill.Range.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteStrings(writer, "tools", dependencies.Tools);
        WriteStrings(writer, "mcp-servers", dependencies.McpServers);
        writer.WriteStartArray("agent-docs");
        foreach (var doc in dependencies.AgentDocs)
        {
            writer.WriteStartObject();
            writer.WriteString("name", doc.Name);
            writer.WriteString("range", doc.Range.Text);
            WriteStrings(writer, "operations", doc.Operations);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WritePermissions(Utf8JsonWriter writer, SkillPermissions permissions)
    {
        writer.WriteStartObject("permissions");
        WriteStrings(writer, "network", permissions.Network);
        writer.WriteStartArray("filesystem");
        foreach (var rule in permissions.Filesystem)
        {
            writer.WriteStartObject();
            writer.WriteString("path", rule.Pattern);
            writer.WriteString("access", rule.Access.ToWireName());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteStrings(writer, "env", permissions.Environment);
        writer.WriteEndObject();
    }

    private static void WriteMemory(Utf8JsonWriter writer, SkillMemory memory)
    {
        writer.WriteStartObject("memory");
        writer.WriteStartObject("kinds");
        foreach (var kind in memory.Kinds)
        {
            writer.WriteStartObject(kind.Name);
            writer.WriteString("description", kind.Description);
            writer.WritePropertyName("schema");
            WriteRaw(writer, kind.Schema?.ToJson());
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        WriteGrants(writer, "read", memory.Read);
        WriteGrants(writer, "write", memory.Write);
        writer.WriteEndObject();
    }

    private static void WriteGrants(Utf8JsonWriter writer, string name, IReadOnlyList<SkillMemoryGrant> grants)
    {
        writer.WriteStartArray(name);
        foreach (var grant in grants)
        {
            writer.WriteStartObject();
            writer.WriteString("namespace", grant.ToString());
            WriteStrings(writer, "kinds", grant.Kinds);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    // The library writes frontmatter values as compact JSON (big integers exact); re-reading lets the writer indent them.
    private static void WriteRaw(Utf8JsonWriter writer, string? json)
    {
        if (json is null)
        {
            writer.WriteNullValue();
            return;
        }

        using var document = JsonDocument.Parse(json, ReadOptions);
        document.RootElement.WriteTo(writer);
    }
}
