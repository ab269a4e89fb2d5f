using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Fluid;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace SkillRt.Execution;

/// <summary>
/// Runs <c>markdown-skill</c> and <c>anthropic-skill</c> skills on a model: renders the instructions,
/// asks for the output, checks it, and sends it back with every violation until it is valid or the
/// repair attempts run out.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposing the function-invoking wrapper would dispose the host's chat client, which the runner does not own.")]
internal sealed class ModelSkillExecutor(IChatClient chatClient, SkillRunnerOptions options, ILogger logger) : ISkillExecutor
{
    private readonly TemplateOptions _templateOptions = Templates.InstructionTemplate.CreateOptions(options.TemplateMaxSteps);

    // Used only when a skill has tools, so runs without tools cost no more than a plain model call.
    // The tools catch their own failures (see ToolRun), so the loop only ever sees results.
    private readonly FunctionInvokingChatClient _toolCallingClient = new(chatClient)
    {
        MaximumIterationsPerRequest = options.MaxTurns,
        IncludeDetailedErrors = true,
    };

    public bool CanExecute(SkillDescriptor skill) => skill.Runtime.Type is SkillRuntimeType.MarkdownSkill or SkillRuntimeType.AnthropicSkill;

    public async Task<TOutput> ExecuteAsync<TInput, TOutput>(SkillExecution<TInput, TOutput> execution, CancellationToken cancellationToken)
        where TInput : notnull
    {
        var descriptor = execution.Descriptor;
        var prepared = execution.Prepared;
        var user = UserMessage(descriptor, execution.Input);
        var instructions = await prepared.RenderAsync(execution.Input, user, _templateOptions).ConfigureAwait(false);
        if (options.LogContents)
        {
            SkillRunnerLog.Prompt(logger, descriptor.Name, instructions + "\n\n" + prepared.OutputContract, user);
        }

        // The output contract is a system message of its own: the skill's instructions stay exactly as
        // written, and the contract text is built once per skill rather than per run.
        List<ChatMessage> messages = prepared.OutputContract.Length == 0
            ? [new(ChatRole.System, instructions), new(ChatRole.User, user)]
            : [new(ChatRole.System, instructions), new(ChatRole.System, prepared.OutputContract), new(ChatRole.User, user)];
        var settings = execution.Settings;
        var chatOptions = new ChatOptions
        {
            ModelId = settings.ModelId,
            Temperature = settings.Temperature,
            MaxOutputTokens = settings.MaxOutputTokens,
            ResponseFormat = options.UseStructuredOutput ? prepared.ResponseFormat : null,
        };
        var client = chatClient;
        if (execution.Tools is { Tools.Count: > 0 } tools)
        {
            chatOptions.Tools = tools.Tools;
            client = _toolCallingClient;
        }

        var state = execution.State;
        for (var attempt = 1; ; attempt++)
        {
            state.Attempts = attempt;
            var (response, cutOff) = execution.Progress is { } progress
                ? await StreamAsync(client, messages, chatOptions, progress, options.MaxAnswerLength, cancellationToken).ConfigureAwait(false)
                : (await client.GetResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false), false);

            state.AddUsage(response.Usage);
            state.ModelId = response.ModelId ?? state.ModelId ?? settings.ModelId;
            var raw = response.Text;
            IReadOnlyList<SkillViolation> violations;
            var tooLong = cutOff || raw.Length > options.MaxAnswerLength;
            if (tooLong)
            {
                // Not parsed, not kept: only its start goes into the report, the log and the repair.
                violations = [TooLong(raw.Length, cutOff)];
                raw = RepairTranscript.Excerpt(raw);
            }
            else if (TryReadOutput(execution, raw, response.FinishReason, out var output, out violations))
            {
                if (options.LogContents)
                {
                    SkillRunnerLog.Answer(logger, descriptor.Name, attempt, raw);
                }

                return output;
            }

            if (options.LogContents)
            {
                SkillRunnerLog.Answer(logger, descriptor.Name, attempt, raw);
            }

            if (attempt > settings.MaxRepairAttempts)
            {
                throw new SkillOutputException(raw, violations, descriptor.Name);
            }

            var repair = new SkillRepair { Attempt = attempt, RawOutput = raw, Violations = violations };
            state.Repairs.Add(repair);
            SkillRunnerLog.Repairing(logger, descriptor.Name, attempt, violations.Count);
            execution.Progress?.Invoke(new SkillRunUpdate<TOutput>(repair));

            if (tooLong)
            {
                messages.Add(RepairTranscript.Answer(raw));
            }
            else
            {
                RepairTranscript.Add(messages, response);
            }

            messages.Add(new ChatMessage(ChatRole.User, ModelPrompts.Repair(descriptor.OutputType, violations)));
        }
    }

    /// <summary>
    /// Streams one answer, passing its text on as it comes. Reading stops once the text passes
    /// <paramref name="maxAnswerLength"/>: leaving the loop ends the request, so an answer that never
    /// ends costs no more than the limit.
    /// </summary>
    private static async Task<(ChatResponse Response, bool CutOff)> StreamAsync<TOutput>(
        IChatClient client, List<ChatMessage> messages, ChatOptions chatOptions, Action<SkillRunUpdate<TOutput>> progress, int maxAnswerLength, CancellationToken cancellationToken)
    {
        var updates = new List<ChatResponseUpdate>();
        long length = 0;
        await foreach (var update in client.GetStreamingResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            var text = update.Text;
            if (text.Length > 0)
            {
                progress(new SkillRunUpdate<TOutput>(text));
                length += text.Length;
                if (length > maxAnswerLength)
                {
                    return (updates.ToChatResponse(), true);
                }
            }
        }

        return (updates.ToChatResponse(), false);
    }

    private SkillViolation TooLong(int length, bool cutOff) => new(
        string.Empty,
        cutOff
            ? string.Format(CultureInfo.InvariantCulture, "The answer passed the limit of {0:N0} characters and was not read further; give a much shorter answer.", options.MaxAnswerLength)
            : string.Format(CultureInfo.InvariantCulture, "The answer has {0:N0} characters, more than the limit of {1:N0}; give a much shorter answer.", length, options.MaxAnswerLength));

    /// <summary>The inputs as JSON for a skill with declared inputs; otherwise the task in words.</summary>
    private static string UserMessage(SkillDescriptor descriptor, JsonElement input)
    {
        if (!descriptor.IsTemplate && input.ValueKind == JsonValueKind.String)
        {
            return input.GetString()!;
        }

        return input.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? "{}" : input.GetRawText();
    }

    private bool TryReadOutput<TInput, TOutput>(
        SkillExecution<TInput, TOutput> execution, string raw, ChatFinishReason? finishReason, out TOutput output, out IReadOnlyList<SkillViolation> violations)
        where TInput : notnull
    {
        var contract = execution.Contract;
        bool valid;
        switch (execution.Descriptor.OutputType)
        {
            case SkillOutputType.Json:
                valid = contract.TryReadOutput(ModelOutputText.ExtractJson(raw), out output!, out violations);
                break;
            case SkillOutputType.File:
                var path = raw.Trim().Trim('`', '"', '\'');
                var fullPath = path.Length == 0 ? null : Path.GetFullPath(path, options.WorkingDirectory ?? Environment.CurrentDirectory);
                if (fullPath is null || !File.Exists(fullPath))
                {
                    output = default!;
                    violations = [new SkillViolation(string.Empty, fullPath is null
                        ? "The answer is empty; write the output to a file, then answer with only its path."
                        : $"There is no file at '{fullPath}'; write the output to a file, then answer with only its path.")];
                    valid = false;
                    break;
                }

                valid = contract.TryReadOutput(fullPath, out output!, out violations);
                break;
            default:
                valid = contract.TryReadOutput(raw, out output!, out violations);
                break;
        }

        if (!valid && finishReason == ChatFinishReason.Length)
        {
            // A cut-off answer fails for want of room, not of care; say so, so the fix is shorter.
            violations = [new SkillViolation(string.Empty, $"The answer was cut off at the output token limit ({execution.Settings.MaxOutputTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "the provider's"}); give a shorter answer."), .. violations];
        }

        return valid;
    }
}
