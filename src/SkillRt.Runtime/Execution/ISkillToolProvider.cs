using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Execution;

/// <summary>
/// Gives the model extra tools for a run, beside the ones the skill itself brings (its sibling
/// skills, its MCP servers' tools and the built-in tools its permissions allow): memory, documents
/// of the host, a handoff to another agent.
/// </summary>
/// <remarks>
/// <para>
/// Register one with <c>services.AddSkillRt().AddSkillToolProvider&lt;TProvider&gt;()</c>. Only runs
/// on SkillRt's own model executor are offered tools, so providers are asked only for those, once
/// per run, in the order they were registered, before the model is called.
/// </para>
/// <para>
/// The tools go behind the same gate as SkillRt's own: every call counts against
/// <see cref="SkillRunnerOptions.MaxToolCalls"/>, is shown to <see cref="SkillRunnerOptions.ApproveToolCall"/>
/// with <see cref="SkillToolKind.Provided"/>, is stopped after <see cref="SkillRunnerOptions.ToolCallTimeout"/>,
/// traced as an <c>execute_tool</c> span and counted. An exception a tool throws is shown to the
/// model as an error, not thrown from the run. A tool whose name another tool of the run already
/// has fails the run before the model is called: names are the model's only way to choose a tool.
/// </para>
/// <para>Providers are shared by every run and must be thread-safe.</para>
/// </remarks>
[Experimental(Experimentals.Tools, UrlFormat = Experimentals.ToolsUrl)]
public interface ISkillToolProvider
{
    /// <summary>The tools to offer the model in this run; an empty list to offer none.</summary>
    /// <param name="context">The run: which skill, and the folders it runs in.</param>
    /// <param name="cancellationToken">Stops the run: the caller cancelled or the run's time limit passed.</param>
    /// <returns>The tools, each with a name no other tool of the run has.</returns>
    ValueTask<IReadOnlyList<AIFunction>> GetToolsAsync(SkillToolContext context, CancellationToken cancellationToken);
}
