using System.Collections.Generic;

namespace SkillRt;

/// <summary>The <c>runtime</c> section.</summary>
internal sealed partial class ManifestBinder
{
    private static readonly string[] RuntimeKeys = ["type", "min-version", "command", "server", "tool", "model", "allow-truncated-output"];
    private static readonly string[] ModelKeys = ["id", "temperature", "max-output-tokens"];

    private SkillRuntime BindRuntime(FrontmatterNode node)
    {
        if (ReadMapping(node, "runtime") is not { } mapping)
        {
            return SkillRuntime.Default;
        }

        CheckKeys(mapping, "runtime", RuntimeKeys);
        var type = SkillRuntimeType.MarkdownSkill;
        if (mapping.Find("type") is { } typeEntry && ReadString(typeEntry.Value, "runtime.type") is { } typeName)
        {
            switch (typeName)
            {
                case "markdown-skill":
                    break;
                case "anthropic-skill":
                    type = SkillRuntimeType.AnthropicSkill;
                    break;
                case "process":
                    type = SkillRuntimeType.Process;
                    break;
                case "mcp-tool":
                    type = SkillRuntimeType.McpTool;
                    break;
                default:
                    Report(SkillDiagnosticDescriptors.UnknownRuntimeType, typeEntry.Value.Span, typeName);
                    break;
            }
        }

        var minVersion = mapping["min-version"] is { } minVersionNode
            ? BindVersion(minVersionNode, "runtime.min-version", SkillDiagnosticDescriptors.InvalidRuntimeMinVersion)
            : null;

        IReadOnlyList<string> command = [];
        if (mapping["command"] is { } commandNode)
        {
            // A string is split on whitespace; a list keeps arguments that contain spaces intact.
            command = commandNode is FrontmatterScalar { IsNull: false } commandText
                ? commandText.Value.Split([' ', '\t'], System.StringSplitOptions.RemoveEmptyEntries)
                : ReadStringList(commandNode, "runtime.command");
        }

        var server = mapping["server"] is { } serverNode ? ReadString(serverNode, "runtime.server") : null;
        var tool = mapping["tool"] is { } toolNode ? ReadString(toolNode, "runtime.tool") : null;

        var model = mapping["model"] is { } modelNode ? BindModelHints(modelNode) : SkillModelHints.None;
        var allowTruncatedOutput = mapping["allow-truncated-output"] is { } truncationNode && ReadBoolean(truncationNode, "runtime.allow-truncated-output") == true;

        var span = mapping.Find("type")?.Value.Span ?? node.Span;
        if (type == SkillRuntimeType.Process && command.Count == 0)
        {
            Report(SkillDiagnosticDescriptors.MissingRuntimeField, span, "process", "command", "add the command to run, for example 'command: python3 scripts/run.py'");
        }

        if (type == SkillRuntimeType.McpTool)
        {
            if (mapping["server"] is null)
            {
                Report(SkillDiagnosticDescriptors.MissingRuntimeField, span, "mcp-tool", "server", "add the MCP server's name as configured in mcp.json");
            }

            if (mapping["tool"] is null)
            {
                Report(SkillDiagnosticDescriptors.MissingRuntimeField, span, "mcp-tool", "tool", "add the name of the tool to call on that server");
            }
        }

        return new SkillRuntime { Type = type, MinVersion = minVersion, Command = command, Server = server, Tool = tool, Model = model, AllowTruncatedOutput = allowTruncatedOutput };
    }

    private SkillModelHints BindModelHints(FrontmatterNode node)
    {
        if (ReadMapping(node, "runtime.model") is not { } mapping)
        {
            return SkillModelHints.None;
        }

        CheckKeys(mapping, "runtime.model", ModelKeys);
        var id = mapping["id"] is { } idNode ? ReadString(idNode, "runtime.model.id") : null;
        if (id is not null && id.Trim().Length == 0)
        {
            Report(SkillDiagnosticDescriptors.InvalidModelHint, mapping["id"]!.Span, "id", "empty", "name a model, such as 'gpt-4.1-mini', or leave the key out");
            id = null;
        }

        double? temperature = null;
        if (mapping["temperature"] is { } temperatureNode)
        {
            if (temperatureNode is not FrontmatterScalar { Kind: FrontmatterScalarKind.Integer or FrontmatterScalarKind.Float } temperatureScalar
                || !YamlScalars.TryGetDouble(temperatureScalar, out var value))
            {
                WrongType(temperatureNode, "runtime.model.temperature", "a number");
            }
            else if (value is < 0 or > 2 || double.IsNaN(value))
            {
                Report(SkillDiagnosticDescriptors.InvalidModelHint, temperatureNode.Span, "temperature", temperatureScalar.Value, "use a number from 0 to 2");
            }
            else
            {
                temperature = value;
            }
        }

        int? maxOutputTokens = null;
        if (mapping["max-output-tokens"] is { } tokensNode)
        {
            if (tokensNode is not FrontmatterScalar { Kind: FrontmatterScalarKind.Integer } tokensScalar || !YamlScalars.TryGetInteger(tokensScalar.Value, out var tokens))
            {
                WrongType(tokensNode, "runtime.model.max-output-tokens", "a whole number");
            }
            else if (tokens is < 1 or > int.MaxValue)
            {
                Report(SkillDiagnosticDescriptors.InvalidModelHint, tokensNode.Span, "max-output-tokens", tokensScalar.Value, "use a whole number from 1 to 2147483647");
            }
            else
            {
                maxOutputTokens = (int)tokens;
            }
        }

        return id is null && temperature is null && maxOutputTokens is null
            ? SkillModelHints.None
            : new SkillModelHints { Id = id?.Trim(), Temperature = temperature, MaxOutputTokens = maxOutputTokens };
    }
}
