using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt;

/// <summary>
/// A skill offered to a host's model or agent as a tool: a <see cref="AIFunction"/> that
/// <see cref="FunctionInvokingChatClient"/>, Agent Framework's <c>ChatClientAgent</c> and Semantic
/// Kernel can call. Made by <see cref="SkillCollection.CreateTools(ISkillRunner)"/>.
/// </summary>
/// <remarks>
/// <para>
/// Its parameters are the skill's input schema (a skill loaded at run time that runs on a model and
/// declares no inputs takes one required <c>task</c> string instead); its return schema is the
/// skill's output schema (a JSON string for text and file outputs). A call runs the skill through the
/// runner with its dependencies, permissions, sandbox and output checks, and returns the validated
/// output: a <see cref="JsonElement"/> for a JSON output, a <see cref="string"/> for a text or file output
/// (so a model reads text as itself, not as a quoted JSON string).
/// </para>
/// <para>
/// Arguments that break the input contract are the calling model's mistake, so they come back to it
/// as the call's result rather than as an exception the host's tool loop would hide behind a generic
/// message: an object naming every violation, which the model can fix and call again with.
/// </para>
/// <code language="json">
/// {"error":"invalid_arguments","tool":"pr-review","skill":"pr-review",
///  "message":"The input for skill 'pr-review' is invalid (1 problem): …",
///  "violations":[{"pointer":"/focus","message":"The string \"speed\" is not allowed; use one of …"}]}
/// </code>
/// <para>
/// A run that fails after it started (the output still breaks its contract after every repair, a
/// missing dependency, the time limit) throws the <see cref="SkillException"/> the runner threw, so the
/// host's tool loop applies its own error policy to it.
/// </para>
/// </remarks>
public sealed class SkillTool : AIFunction
{
    /// <summary>The value of <c>error</c> in the result of a call whose arguments break the input contract.</summary>
    public const string InvalidArgumentsError = "invalid_arguments";

    private readonly AIFunction _skill;

    internal SkillTool(SkillDescriptor descriptor, string name, AIFunction skill)
    {
        Descriptor = descriptor;
        Name = name;
        Description = SkillSummary.Of(descriptor);
        _skill = skill;
    }

    /// <summary>The skill behind the tool; <see cref="SkillDescriptor.SourcePath"/> names its SKILL.md.</summary>
    public SkillDescriptor Descriptor { get; }

    /// <summary>
    /// The tool's name: the skill's name, with characters providers refuse in a function name replaced
    /// by <c>_</c> (only a prose skill's name, taken from its folder, can have any), at most 64 characters.
    /// </summary>
    public override string Name { get; }

    /// <summary>The skill's description; for a prose skill, the first paragraph of its instructions.</summary>
    public override string Description { get; }

    /// <summary>
    /// The JSON Schema of the arguments: the skill's input schema, or one required <c>task</c> string for a
    /// skill loaded at run time that runs on a model and declares no inputs.
    /// </summary>
    public override JsonElement JsonSchema => _skill.JsonSchema;

    /// <summary>The JSON Schema of the result: the skill's output schema, <c>{"type":"string"}</c> for text and file outputs.</summary>
    public override JsonElement? ReturnJsonSchema => _skill.ReturnJsonSchema;

    /// <inheritdoc />
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        try
        {
            return await _skill.InvokeAsync(arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (SkillInputException invalid)
        {
            return InvalidArguments(invalid);
        }
    }

    /// <summary>The tool's name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;

    private JsonElement InvalidArguments(SkillInputException exception) =>
        SkillJson.ToElement(this, exception, static (tool, writer, invalid) =>
        {
            writer.WriteStartObject();
            writer.WriteString("error", InvalidArgumentsError);
            writer.WriteString("tool", tool.Name);
            writer.WriteString("skill", tool.Descriptor.Name);
            writer.WriteString("message", invalid.Message.ReplaceLineEndings("\n"));
            writer.WriteStartArray("violations");
            foreach (var violation in invalid.Violations)
            {
                writer.WriteStartObject();
                writer.WriteString("pointer", violation.Pointer);
                writer.WriteString("message", violation.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
}
