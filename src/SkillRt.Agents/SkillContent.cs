using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace SkillRt.Agents;

/// <summary>
/// What <c>load_skill</c> returns for a SkillRt skill, in the layout of Agent Framework's code-defined
/// skills (which its default instructions describe): name, description, instructions, then the
/// resources the agent can read and the script it can run, with the script's parameter schema.
/// </summary>
internal static class SkillContent
{
    public static string Build(SkillTool tool, IReadOnlyList<SkillFileResource> resources, SkillRunScript run)
    {
        var text = new StringBuilder();
        text.Append("<name>").Append(Escape(tool.Descriptor.Name)).Append("</name>\n");
        text.Append("<description>").Append(Escape(tool.Description)).Append("</description>\n\n");
        text.Append("<instructions>\n").Append(Escape(tool.Descriptor.Instructions.TrimEnd())).Append("\n</instructions>\n\n");

        if (resources.Count == 0)
        {
            text.Append("<available_resources />\n\n");
        }
        else
        {
            text.Append("<available_resources>\n");
            foreach (var resource in resources)
            {
                text.Append("  <resource name=\"").Append(Escape(resource.Name, attribute: true)).Append("\"/>\n");
            }

            text.Append("</available_resources>\n\n");
        }

        text.Append("<available_scripts>\n");
        text.Append("  <script name=\"").Append(Escape(run.Name, attribute: true)).Append("\" description=\"").Append(Escape(run.Description ?? string.Empty, attribute: true)).Append("\">\n");
        text.Append("    <parameters_schema>").Append(Escape(JsonSerializer.Serialize(tool.JsonSchema, SkillAgentsJson.Default.JsonElement))).Append("</parameters_schema>\n");
        text.Append("  </script>\n");
        text.Append("</available_scripts>");
        return text.ToString();
    }

    // Quotes stay as they are in element text, so JSON and prose read naturally.
    private static string Escape(string value, bool attribute = false)
    {
        var escaped = value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
        return attribute ? escaped.Replace("\"", "&quot;") : escaped;
    }
}
