using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Tools;

/// <summary>A tool as offered to the model in one run: the tool itself, behind that run's gate.</summary>
internal sealed class GatedTool(AIFunction tool, SkillToolKind kind, string name, ToolRun run) : DelegatingAIFunction(tool)
{
    public SkillToolKind Kind { get; } = kind;

    /// <summary>The name the model sees; an MCP tool whose name another tool has is prefixed with its server's.</summary>
    public override string Name { get; } = name;

    /// <summary>Calls the tool itself, past the gate.</summary>
    public ValueTask<object?> InvokeInnerAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        InnerFunction.InvokeAsync(arguments, cancellationToken);

    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        run.InvokeAsync(this, arguments, cancellationToken);
}
