using System.CommandLine;

namespace SkillRt.Cli.Commands.AgentDoc;

/// <summary>
/// <c>skillrt agent-doc validate|from-openapi|render|serve|self</c>: agent-readable API documentation
/// (spec/AGENT-DOC-SPEC.md). The commands parse arguments and call SkillRt.AgentDoc; each subcommand
/// is in its own file.
/// </summary>
internal static class AgentDocCommand
{
    public static Command Create() =>
        new("agent-doc", "Validate, generate (from OpenAPI or this CLI), render and serve (MCP) agent-doc.yaml, the API documentation written for agents.")
        {
            AgentDocValidateCommand.Create(),
            AgentDocFromOpenApiCommand.Create(),
            AgentDocRenderCommand.Create(),
            AgentDocServeCommand.Create(),
            AgentDocSelfCommand.Create(),
        };
}
