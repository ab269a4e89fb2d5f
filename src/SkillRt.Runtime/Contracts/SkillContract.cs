using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkillRt;

/// <summary>
/// A skill's typed contract: its descriptor and the reflection-free JSON conversions of its input
/// and output. The source generator emits one per skill (<c>PrReviewSkill.Contract</c>); runners use
/// it to serialize the input and to read and check the output.
/// </summary>
/// <typeparam name="TInput">The input type, such as <c>PrReviewInput</c>.</typeparam>
/// <typeparam name="TOutput">The output type, such as <c>PrReviewOutput</c>.</typeparam>
public abstract class SkillContract<TInput, TOutput>
    where TInput : notnull
{
    /// <summary>Creates the contract of a skill.</summary>
    /// <param name="descriptor">What the skill is.</param>
    protected SkillContract(SkillDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        Descriptor = descriptor;
    }

    /// <summary>What the skill is: name, instructions, schemas, dependencies and permissions.</summary>
    public SkillDescriptor Descriptor { get; }

    /// <summary>Writes the input as the JSON object its input schema describes.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="input">The input.</param>
    public abstract void WriteInput(Utf8JsonWriter writer, TInput input);

    /// <summary>Reads an input from JSON, checking it against the input schema.</summary>
    /// <param name="json">The input object.</param>
    /// <param name="input">The input, when it is valid.</param>
    /// <param name="violations">Every violation; empty when the input is valid.</param>
    /// <returns>Whether the input is valid.</returns>
    public abstract bool TryReadInput(JsonElement json, [MaybeNullWhen(false)] out TInput input, out IReadOnlyList<SkillViolation> violations);

    /// <summary>Writes an output as JSON: the value itself for JSON outputs, a JSON string for text and file outputs.</summary>
    /// <param name="writer">Where to write.</param>
    /// <param name="output">The output.</param>
    public abstract void WriteOutput(Utf8JsonWriter writer, TOutput output);

    /// <summary>
    /// Reads an output exactly as a skill produced it, checking every constraint of the output
    /// schema (required properties, types, enums, ranges, lengths, patterns, item counts) and
    /// reporting all violations, not just the first.
    /// </summary>
    /// <param name="text">The raw output: JSON text for JSON outputs, the text itself for text outputs, a path for file outputs.</param>
    /// <param name="output">The output, when it is valid.</param>
    /// <param name="violations">Every violation, with JSON Pointers into the output; empty when it is valid.</param>
    /// <returns>Whether the output is valid.</returns>
    public abstract bool TryReadOutput(string text, [MaybeNullWhen(false)] out TOutput output, out IReadOnlyList<SkillViolation> violations);

    /// <summary>
    /// Wraps the skill as a <see cref="AIFunction"/>, so any <c>Microsoft.Extensions.AI</c> chat client
    /// or agent can call it as a tool: the model's arguments are read and checked as the input, the
    /// skill runs through <paramref name="runner"/>, and the validated output is returned: as JSON for a
    /// JSON output, as a string for a text or file output. Invalid arguments throw
    /// <see cref="SkillInputException"/>; <see cref="SkillCollection.CreateTools(ISkillRunner)"/> gives tools
    /// that answer them to the model instead.
    /// </summary>
    /// <param name="runner">Runs the skill when the model calls it.</param>
    /// <returns>A function named after the skill, described by its description and schemas.</returns>
    public AIFunction AsAIFunction(ISkillRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        return new SkillAIFunction<TInput, TOutput>(this, runner);
    }

    /// <summary>Writes the input to a JSON element, for runners that work on JSON.</summary>
    /// <param name="input">The input.</param>
    /// <returns>The input object.</returns>
    public JsonElement SerializeInput(TInput input) => SkillJson.ToElement(this, input, static (contract, writer, value) => contract.WriteInput(writer, value));

    /// <summary>Writes an output to a JSON element.</summary>
    /// <param name="output">The output.</param>
    /// <returns>The output as JSON.</returns>
    public JsonElement SerializeOutput(TOutput output) => SkillJson.ToElement(this, output, static (contract, writer, value) => contract.WriteOutput(writer, value));

    /// <inheritdoc />
    public override string ToString() => Descriptor.ToString();
}
