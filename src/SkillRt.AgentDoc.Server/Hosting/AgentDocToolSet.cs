using System.Collections.Generic;
using System.Linq;
using ModelContextProtocol.Server;

namespace SkillRt.Server.AgentDocs;

/// <summary>The doc tools built once over the registry's catalog; each is registered with the MCP server by name.</summary>
internal sealed class AgentDocToolSet(IReadOnlyList<McpServerTool> tools)
{
    public McpServerTool Get(string name) => tools.Single(t => t.ProtocolTool.Name == name);
}
