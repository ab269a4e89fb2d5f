using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using SkillRt.Execution;
using SkillRt.Telemetry;

namespace SkillRt.Tools;

/// <summary>
/// The tool calls of one run: every tool offered to the model is wrapped in a <see cref="GatedTool"/>
/// that goes through here, so the run's limits, the host's approval, the per-call timeout, the span,
/// the log and the denial count apply to every call alike, whatever the tool.
/// </summary>
internal sealed class ToolRun(SkillDescriptor descriptor, SkillRunnerOptions options, ILogger logger)
{
    /// <summary>How deep skills may call skills, so a cycle of sibling skills ends.</summary>
    public const int MaxSkillDepth = 8;

    private static readonly AsyncLocal<int> SkillDepth = new();

    private int _calls;

    /// <summary>The tools offered to the model, each behind this gate.</summary>
    public IList<AITool> Tools { get; set; } = [];

    /// <summary>The calls made so far, allowed or not.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public AIFunction Wrap(AIFunction tool, SkillToolKind kind, string? name = null) => new GatedTool(tool, kind, name ?? tool.Name, this);

    internal async ValueTask<object?> InvokeAsync(GatedTool tool, AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var callId = FunctionInvokingChatClient.CurrentContext?.CallContent.CallId;
        using var activity = SkillTelemetry.StartToolCall(descriptor, tool.Name, tool.Kind, callId);
        var started = Stopwatch.GetTimestamp();
        string outcome = ToolOutcome.Success;
        try
        {
            if (Interlocked.Increment(ref _calls) > options.MaxToolCalls)
            {
                throw new ToolDeniedException(ToolDenialReason.Limit, $"This run has used its {options.MaxToolCalls.ToString(CultureInfo.InvariantCulture)} tool calls; answer with what you have.");
            }

            if (tool.Kind == SkillToolKind.Skill && SkillDepth.Value >= MaxSkillDepth)
            {
                throw new ToolDeniedException(ToolDenialReason.Limit, $"Skills are already nested {MaxSkillDepth.ToString(CultureInfo.InvariantCulture)} deep; a skill cannot call further skills from here.");
            }

            if (options.ApproveToolCall is { } approve)
            {
                var call = new SkillToolCall { SkillName = descriptor.Name, ToolName = tool.Name, Kind = tool.Kind, Arguments = new Dictionary<string, object?>(arguments, StringComparer.Ordinal) };
                if (!await approve(call, cancellationToken).ConfigureAwait(false))
                {
                    throw new ToolDeniedException(ToolDenialReason.Approval, "The host did not approve this call; do without it or answer with what you have.");
                }
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ToolCallTimeout);
            var depth = SkillDepth.Value;
            SkillDepth.Value = tool.Kind == SkillToolKind.Skill ? depth + 1 : depth;
            try
            {
                return await tool.InvokeInnerAsync(arguments, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                outcome = ToolOutcome.Timeout;
                SkillRunnerLog.ToolTimedOut(logger, descriptor.Name, tool.Name, options.ToolCallTimeout.TotalSeconds);
                return $"Error: the call took longer than {options.ToolCallTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s and was stopped.";
            }
            finally
            {
                SkillDepth.Value = depth;
            }
        }
        catch (ToolDeniedException denied)
        {
            outcome = ToolOutcome.Denied;
            SkillTelemetry.RecordDenial(activity, descriptor, tool.Name, tool.Kind, denied.Reason);
            SkillRunnerLog.ToolDenied(logger, descriptor.Name, tool.Name, denied.Reason);
            // The model reads this and can change course; it is not an error of the run.
            return "Refused: " + denied.Message;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            outcome = ToolOutcome.Error;
            SkillRunnerLog.ToolFailed(logger, descriptor.Name, tool.Name, exception.GetType().Name);
            activity?.SetTag("error.type", exception.GetType().FullName);
            return "Error: " + exception.Message;
        }
        finally
        {
            SkillTelemetry.RecordToolCall(activity, descriptor, tool.Name, tool.Kind, outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}
