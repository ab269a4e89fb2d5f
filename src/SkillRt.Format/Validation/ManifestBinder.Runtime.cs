using System.Collections.Generic;

namespace SkillRt;

/// <summary>The <c>runtime</c> section.</summary>
internal sealed partial class ManifestBinder
{
    private static readonly string[] RuntimeKeys = ["type", "min-version", "command", "server", "tool"];

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

        return new SkillRuntime { Type = type, MinVersion = minVersion, Command = command, Server = server, Tool = tool };
    }
}
