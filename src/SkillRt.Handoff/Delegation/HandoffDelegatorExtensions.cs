using System;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.Handoff.Telemetry;

namespace SkillRt.Handoff;

/// <summary>The typed handoff: the envelope's schemas come from the input and output types.</summary>
public static class HandoffDelegatorExtensions
{
    /// <summary>
    /// Hands a typed task to a child model: the input and output schemas are inferred from the types
    /// (<see cref="AIJsonUtilities.CreateJsonSchema"/> over their source-generated contracts, so it is
    /// AOT-safe), the trace context is the current span's, and the output comes back typed.
    /// </summary>
    /// <typeparam name="TInput">The input's type.</typeparam>
    /// <typeparam name="TOutput">The output's type.</typeparam>
    /// <param name="delegator">The delegator.</param>
    /// <param name="task">The goal, the input, the budget and the criteria.</param>
    /// <param name="inputType">The input's JSON contract, such as <c>MyJsonContext.Default.SummaryInput</c>.</param>
    /// <param name="outputType">The output's JSON contract.</param>
    /// <param name="options">The model, retries and escalation, and what the parent holds.</param>
    /// <param name="cancellationToken">Cancels the handoff; the result is then <see cref="HandoffStatus.Cancelled"/>.</param>
    /// <returns>The result, with <see cref="HandoffResult{TOutput}.Output"/> set when it completed.</returns>
    /// <example>
    /// <code>
    /// var result = await delegator.DelegateAsync(
    ///     new HandoffTask&lt;Article&gt; { Goal = "Summarise the article.", Input = article, Budget = new() { OutputTokens = 400 } },
    ///     AppJson.Default.Article, AppJson.Default.Summary,
    ///     new DelegateOptions { Model = "cheap", Escalation = ["strong"] });
    /// if (result.Succeeded) Console.WriteLine(result.Output.Text);
    /// </code>
    /// </example>
    public static async Task<HandoffResult<TOutput>> DelegateAsync<TInput, TOutput>(
        this IHandoffDelegator delegator,
        HandoffTask<TInput> task,
        JsonTypeInfo<TInput> inputType,
        JsonTypeInfo<TOutput> outputType,
        DelegateOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delegator);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(inputType);
        ArgumentNullException.ThrowIfNull(outputType);
        ArgumentNullException.ThrowIfNull(options);

        var envelope = new HandoffEnvelope
        {
            TaskId = task.TaskId ?? Guid.NewGuid().ToString("n"),
            TraceContext = HandoffTelemetry.Current(),
            Goal = task.Goal,
            Input = JsonSerializer.SerializeToElement(task.Input, inputType),
            InputSchema = SchemaOf(inputType),
            OutputSchema = task.OutputSchema ?? SchemaOf(outputType),
            Criteria = task.Criteria,
            Budget = task.Budget,
            Context = task.Context,
            Grants = task.Grants,
        };
        var result = await delegator.DelegateAsync(envelope, options, cancellationToken).ConfigureAwait(false);
        if (result is not { Status: HandoffStatus.Completed, Output: { } json })
        {
            return new HandoffResult<TOutput>(result, default);
        }

        try
        {
            return new HandoffResult<TOutput>(result, json.Deserialize(outputType));
        }
        catch (JsonException exception)
        {
            // The schema passed but the type is stricter (a number too large for an int): a typed failure, not a throw.
            var failed = result with
            {
                Status = HandoffStatus.Failed,
                Output = null,
                Error = new HandoffError { Code = "output_unreadable", Message = $"The output satisfies the schema but cannot be read as {typeof(TOutput).Name}: {exception.Message}", Path = string.Empty },
            };
            return new HandoffResult<TOutput>(failed, default);
        }
    }

    private static JsonElement SchemaOf(JsonTypeInfo typeInfo) =>
        AIJsonUtilities.CreateJsonSchema(typeInfo.Type, serializerOptions: typeInfo.Options);
}
