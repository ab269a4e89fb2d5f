using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Output;
using SkillRt.Cli.Store;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt info &lt;name|path&gt;</c>: what a skill is and what it needs, read from its manifest:
/// metadata, the inputs, the output and its schema, dependencies and permissions. <c>--format json</c>
/// prints the same as one document for scripts.
/// </summary>
internal static class InfoCommand
{
    // Dependencies and permissions line up with each other: the widest label of both is "mcp-servers".
    private static readonly int SectionLabelWidth = "mcp-servers".Length + 3;

    public static Command Create()
    {
        var skill = new Argument<string>("skill")
        {
            Description = "An installed skill as name or name@range, or a SKILL.md file or skill folder.",
        };
        var format = FormatOption.Create();
        var command = new Command("info", "Show a skill's metadata, inputs, output schema, dependencies and permissions.")
        {
            skill,
            format,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var definition = await SkillLocator.LoadAsync(parseResult.GetValue(skill)!, SkillStore.Open(), cancellationToken).ConfigureAwait(false);
            var output = parseResult.InvocationConfiguration.Output;
            if (FormatOption.IsJson(parseResult, format))
            {
                await JsonOutput.WriteAsync(output, writer => WriteJson(writer, definition)).ConfigureAwait(false);
            }
            else
            {
                await WriteTextAsync(output, definition, cancellationToken).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteTextAsync(TextWriter output, SkillDefinition skill, CancellationToken cancellationToken)
    {
        var manifest = skill.Manifest;
        var path = FullPath(skill);
        if (skill.Document.Mode == SkillMode.Prose)
        {
            await output.WriteLineAsync($"{skill.Name} (prose skill: no frontmatter, so no declared inputs, output, dependencies or permissions)").ConfigureAwait(false);
            await output.WriteLineAsync($"File:  {path}").ConfigureAwait(false);
            await output.WriteLineAsync($"'skillrt run {skill.Name}' prints its instructions; an agent reads them as they are.").ConfigureAwait(false);
            return;
        }

        await output.WriteLineAsync(manifest.Version is { } version ? $"{skill.Name} {version}" : $"{skill.Name} (no version)").ConfigureAwait(false);
        if (manifest.Description is { } description)
        {
            await output.WriteLineAsync("  " + TextTable.OneLine(description)).ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        var fields = new List<(string Label, string Value)> { ("File", path), ("Runtime", Runtime(manifest.Runtime)) };
        if (Hints(manifest.Runtime.Model) is { } hints)
        {
            fields.Add(("Model hint", hints));
        }

        AddIfAny(fields, "License", manifest.License is null ? [] : [manifest.License]);
        AddIfAny(fields, "Authors", manifest.Authors);
        AddIfAny(fields, "Tags", manifest.Tags);
        AddIfAny(fields, "Allowed tools", manifest.AllowedTools);
        if (manifest.Compatibility is { } compatibility)
        {
            fields.Add(("Compatibility", TextTable.OneLine(compatibility)));
        }

        await WriteFieldsAsync(output, fields, indent: string.Empty).ConfigureAwait(false);

        await output.WriteLineAsync().ConfigureAwait(false);
        await WriteInputsAsync(output, skill).ConfigureAwait(false);

        await output.WriteLineAsync().ConfigureAwait(false);
        await WriteOutputAsync(output, manifest.Output).ConfigureAwait(false);

        await output.WriteLineAsync().ConfigureAwait(false);
        var dependencies = manifest.Dependencies;
        await WriteSectionAsync(
            output,
            "Dependencies",
            [
                ("tools", dependencies.Tools),
                ("mcp-servers", dependencies.McpServers),
                ("skills", dependencies.Skills.Select(s => s.ToString()).ToList()),
                ("agent-docs", dependencies.AgentDocs.Select(DescribeAgentDoc).ToList()),
            ],
            "none").ConfigureAwait(false);

        await output.WriteLineAsync().ConfigureAwait(false);
        var permissions = manifest.Permissions;
        await WriteSectionAsync(
            output,
            "Permissions",
            [
                ("network", permissions.Network),
                ("filesystem", permissions.Filesystem.Select(rule => $"{rule.Pattern} ({rule.Access.ToWireName()})").ToList()),
                ("env", permissions.Environment),
            ],
            "none (no network host, file or environment variable may be reached)").ConfigureAwait(false);

        var memory = manifest.Memory;
        if (!memory.IsEmpty)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            await WriteSectionAsync(
                output,
                "Memory",
                [
                    ("kinds", memory.Kinds.Select(kind => kind.Name).ToList()),
                    ("read", memory.Read.Select(DescribeGrant).ToList()),
                    ("write", memory.Write.Select(DescribeGrant).ToList()),
                ],
                "none").ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    // "acme/shared/* (rtt-api-note, page)": no kinds listed means every kind.
    private static string DescribeGrant(SkillMemoryGrant grant) =>
        grant.Kinds.Count == 0 ? $"{grant} (every kind)" : $"{grant} ({string.Join(", ", grant.Kinds)})";

    // "resend@^1.5 (SendEmail, GetEmail)": the operations a skill relies on are what a reader checks against the doc.
    private static string DescribeAgentDoc(SkillAgentDocDependency dependency) =>
        dependency.Operations.Count == 0 ? dependency.ToString() : $"{dependency} ({string.Join(", ", dependency.Operations)})";

    private static async Task WriteInputsAsync(TextWriter output, SkillDefinition skill)
    {
        var manifest = skill.Manifest;
        if (!manifest.DeclaresInputs)
        {
            await output.WriteLineAsync($"Inputs: none declared; it runs on a task in words: skillrt run {skill.Name} --task \"…\"").ConfigureAwait(false);
            return;
        }

        if (manifest.Inputs.Count == 0)
        {
            await output.WriteLineAsync("Inputs: none").ConfigureAwait(false);
            return;
        }

        await output.WriteLineAsync("Inputs:").ConfigureAwait(false);
        var table = new TextTable("NAME", "TYPE", "REQUIRED", "DEFAULT", "DESCRIPTION");
        foreach (var input in manifest.Inputs)
        {
            var description = TextTable.OneLine(input.Description);
            if (input.EnumValues.Count > 0)
            {
                description = (description.Length > 0 ? description + " " : string.Empty) + "One of: " + string.Join(", ", input.EnumValues) + ".";
            }

            table.Add(input.Name, input.Type.ToWireName(), input.Required ? "yes" : "no", SkillSchemas.DefaultAsJson(input) ?? string.Empty, description);
        }

        await table.WriteAsync(output).ConfigureAwait(false);
    }

    private static async Task WriteOutputAsync(TextWriter output, SkillOutput declared)
    {
        switch (declared.Type)
        {
            case SkillOutputType.Json when SkillSchemas.ForOutput(declared) is { } schema:
                await output.WriteLineAsync("Output: json, with this schema:").ConfigureAwait(false);
                await JsonOutput.WriteAsync(output, writer => WriteRaw(writer, schema)).ConfigureAwait(false);
                break;
            case SkillOutputType.Json:
                await output.WriteLineAsync("Output: json (any JSON value; no schema)").ConfigureAwait(false);
                break;
            case SkillOutputType.File:
                await output.WriteLineAsync("Output: file (the path of a file the skill writes)").ConfigureAwait(false);
                break;
            default:
                await output.WriteLineAsync("Output: text").ConfigureAwait(false);
                break;
        }
    }

    private static async Task WriteSectionAsync(TextWriter output, string title, (string Label, IReadOnlyList<string> Values)[] rows, string empty)
    {
        if (rows.All(row => row.Values.Count == 0))
        {
            await output.WriteLineAsync($"{title}: {empty}").ConfigureAwait(false);
            return;
        }

        await output.WriteLineAsync(title + ":").ConfigureAwait(false);
        await WriteFieldsAsync(output, rows.Select(row => (row.Label, row.Values.Count == 0 ? "none" : string.Join(", ", row.Values))).ToList(), indent: "  ", SectionLabelWidth).ConfigureAwait(false);
    }

    private static async Task WriteFieldsAsync(TextWriter output, IReadOnlyList<(string Label, string Value)> fields, string indent, int minimumWidth = 0)
    {
        var width = Math.Max(fields.Max(field => field.Label.Length) + 3, minimumWidth);
        foreach (var (label, value) in fields)
        {
            await output.WriteLineAsync(indent + (label + ":").PadRight(width) + value).ConfigureAwait(false);
        }
    }

    private static void WriteJson(Utf8JsonWriter writer, SkillDefinition skill)
    {
        var manifest = skill.Manifest;
        writer.WriteStartObject();
        writer.WriteString("name", skill.Name);
        writer.WriteString("version", manifest.Version?.ToString());
        writer.WriteString("description", manifest.Description);
        writer.WriteString("mode", skill.Document.Mode == SkillMode.Prose ? "prose" : "structured");
        writer.WriteString("path", FullPath(skill));
        writer.WriteString("license", manifest.License);
        WriteStrings(writer, "authors", manifest.Authors);
        WriteStrings(writer, "tags", manifest.Tags);
        writer.WriteString("compatibility", manifest.Compatibility);
        WriteStrings(writer, "allowedTools", manifest.AllowedTools);

        var runtime = manifest.Runtime;
        writer.WriteStartObject("runtime");
        writer.WriteString("type", runtime.Type.ToWireName());
        writer.WriteString("minVersion", runtime.MinVersion?.ToString());
        WriteStrings(writer, "command", runtime.Command);
        writer.WriteString("server", runtime.Server);
        writer.WriteString("tool", runtime.Tool);
        writer.WriteStartObject("model");
        writer.WriteString("id", runtime.Model.Id);
        WriteNumber(writer, "temperature", runtime.Model.Temperature);
        WriteNumber(writer, "maxOutputTokens", runtime.Model.MaxOutputTokens);
        writer.WriteEndObject();
        writer.WriteEndObject();

        // Whether the skill takes an object of inputs or a task in words (skillrt run --task).
        writer.WriteBoolean("declaresInputs", manifest.DeclaresInputs);
        writer.WriteStartArray("inputs");
        foreach (var input in manifest.Inputs)
        {
            writer.WriteStartObject();
            writer.WriteString("name", input.Name);
            writer.WriteString("type", input.Type.ToWireName());
            writer.WriteBoolean("required", input.Required);
            writer.WritePropertyName("default");
            WriteRaw(writer, SkillSchemas.DefaultAsJson(input));
            writer.WriteString("description", input.Description);
            WriteStrings(writer, "enum", input.EnumValues);
            writer.WritePropertyName("schema");
            WriteRaw(writer, input.Schema?.ToJson());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WritePropertyName("inputSchema");
        WriteRaw(writer, skill.Descriptor.InputSchema);

        writer.WriteStartObject("output");
        writer.WriteString("type", manifest.Output.Type.ToWireName());
        writer.WritePropertyName("schema");
        WriteRaw(writer, SkillSchemas.ForOutput(manifest.Output));
        writer.WriteEndObject();

        var dependencies = manifest.Dependencies;
        writer.WriteStartObject("dependencies");
        WriteStrings(writer, "tools", dependencies.Tools);
        WriteStrings(writer, "mcpServers", dependencies.McpServers);
        writer.WriteStartArray("skills");
        foreach (var dependency in dependencies.Skills)
        {
            writer.WriteStartObject();
            writer.WriteString("name", dependency.Name);
            writer.WriteString("range", dependency.Range.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("agentDocs");
        foreach (var dependency in dependencies.AgentDocs)
        {
            writer.WriteStartObject();
            writer.WriteString("name", dependency.Name);
            writer.WriteString("range", dependency.Range.Text);
            WriteStrings(writer, "operations", dependency.Operations);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();

        var permissions = manifest.Permissions;
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

        var memory = manifest.Memory;
        writer.WriteStartObject("memory");
        writer.WriteStartArray("kinds");
        foreach (var kind in memory.Kinds)
        {
            writer.WriteStartObject();
            writer.WriteString("name", kind.Name);
            writer.WriteString("description", kind.Description);
            writer.WritePropertyName("schema");
            WriteRaw(writer, kind.Schema?.ToJson());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        foreach (var (name, grants) in new[] { ("read", memory.Read), ("write", memory.Write) })
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

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // Schemas and defaults come as compact JSON text; parsing them lets the writer indent them with the rest.
    private static void WriteRaw(Utf8JsonWriter writer, string? json)
    {
        if (json is null)
        {
            writer.WriteNullValue();
            return;
        }

        using var document = JsonDocument.Parse(json);
        document.RootElement.WriteTo(writer);
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

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string Runtime(SkillRuntime runtime)
    {
        var text = runtime.Type switch
        {
            SkillRuntimeType.Process => $"process: {string.Join(' ', runtime.Command)}",
            SkillRuntimeType.McpTool => $"mcp-tool: tool '{runtime.Tool}' on MCP server '{runtime.Server}'",
            var type => type.ToWireName(),
        };
        return runtime.MinVersion is { } minimum ? $"{text} (needs SkillRt {minimum} or later)" : text;
    }

    private static string? Hints(SkillModelHints hints)
    {
        if (hints.IsEmpty)
        {
            return null;
        }

        var parts = new List<string>();
        if (hints.Id is { } id)
        {
            parts.Add(id);
        }

        if (hints.Temperature is { } temperature)
        {
            parts.Add("temperature " + temperature.ToString(CultureInfo.InvariantCulture));
        }

        if (hints.MaxOutputTokens is { } tokens)
        {
            parts.Add($"at most {tokens.ToString(CultureInfo.InvariantCulture)} output tokens");
        }

        return string.Join(", ", parts);
    }

    private static void AddIfAny(List<(string Label, string Value)> fields, string label, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            fields.Add((label, string.Join(", ", values)));
        }
    }

    private static string FullPath(SkillDefinition skill) => skill.Path is { } path ? Path.GetFullPath(path) : skill.Name;
}
