using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SkillRt.Cli.Running;

namespace SkillRt.Cli.McpServing;

/// <summary>
/// One typed skill as an MCP tool. Its input schema is the skill's input schema (for a model skill that
/// declares no inputs, one required <c>task</c> string, the task in words of spec section 10.1); its output
/// schema is the skill's output schema when that describes an object, and otherwise (text and file
/// outputs, JSON outputs that are not objects or have no schema) <c>{"result": …}</c> around it, because
/// MCP clients require an object there. A call's arguments are checked against the contract before
/// anything runs: violations come back as an error result naming each one. The validated output comes back
/// as <c>structuredContent</c>, and as text for clients that read only that. Derived from
/// <see cref="McpServerTool"/> directly, without reflection (trim- and AOT-safe), as the agent-doc tools are.
/// </summary>
internal sealed class SkillMcpTool : McpServerTool
{
    /// <summary>The property a non-object output is wrapped in.</summary>
    public const string ResultProperty = "result";

    /// <summary>The one argument of a model skill that declares no inputs.</summary>
    public const string TaskProperty = "task";

    private const string TaskSchema =
        """{"type":"object","properties":{"task":{"type":"string","description":"What to do, in words: this skill declares no inputs and runs on a task."}},"required":["task"],"additionalProperties":false}""";

    // Text deltas arrive per token; a client needs to know the run is alive, not every token.
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly ServedSkill _served;
    private readonly SkillCallRunner _runner;
    private readonly TextWriter _error;
    private readonly bool _takesTask;
    private readonly bool _wrapsOutput;

    private SkillMcpTool(ServedSkill served, SkillCallRunner runner, TextWriter error, Tool tool, bool takesTask, bool wrapsOutput)
    {
        _served = served;
        _runner = runner;
        _error = error;
        ProtocolTool = tool;
        _takesTask = takesTask;
        _wrapsOutput = wrapsOutput;
    }

    /// <inheritdoc />
    public override Tool ProtocolTool { get; }

    /// <inheritdoc />
    public override IReadOnlyList<object> Metadata => [];

    /// <summary>The served skill behind the tool.</summary>
    public ServedSkill Served => _served;

    /// <summary>The tool for <paramref name="served"/>.</summary>
    public static SkillMcpTool Create(ServedSkill served, SkillCallRunner runner, TextWriter error)
    {
        var (tool, takesTask, wrapsOutput) = Describe(served);
        return new SkillMcpTool(served, runner, error, tool, takesTask, wrapsOutput);
    }

    /// <summary>
    /// Why <paramref name="served"/> cannot be an MCP tool (its schemas are not ones MCP accepts), or
    /// <see langword="null"/> when it can.
    /// </summary>
    public static string? CheckSchemas(ServedSkill served)
    {
        try
        {
            Describe(served);
            return null;
        }
        catch (Exception exception) when (exception is ArgumentException or JsonException)
        {
            return $"its inputs or output cannot be written as an MCP tool's schemas ({exception.Message}); check its 'inputs' and 'output.schema' with: skillrt info {served.File}.";
        }
    }

    /// <inheritdoc />
    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var skill = _served.Skill;
        if (!TryReadArguments(request.Params?.Arguments, out var input, out var argumentProblem))
        {
            return Error(argumentProblem);
        }

        if (!skill.Contract.TryReadInput(input, out _, out var violations))
        {
            return Error(
                $"The arguments for {ProtocolTool.Name} are invalid ({Count(violations.Count, "problem")}); nothing ran. Fix them and call again:"
                + string.Concat(violations.Select(v => "\n  input " + v)));
        }

        Func<SkillRunUpdate<JsonElement>, ValueTask>? onUpdate = null;
        if (request.Params?.ProgressToken is { } token)
        {
            onUpdate = CreateProgress(request.Server, token, cancellationToken);
            await onUpdate(null!).ConfigureAwait(false);
        }

        JsonElement output;
        try
        {
            output = await _runner.RunAsync(skill, input, onUpdate, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await WriteErrorLineAsync($"skillrt: the call of {ProtocolTool.Name} was cancelled by the client (a cancellation, or it disconnected); the run was stopped.").ConfigureAwait(false);
            throw;
        }
        catch (CliException failure)
        {
            await WriteErrorLineAsync($"skillrt: the call of {ProtocolTool.Name} failed: {failure.Message}").ConfigureAwait(false);
            return Error(failure.Message + string.Concat(failure.Diagnostics.Select(line => "\n" + line)));
        }

        return Success(output);
    }

    private static (Tool Tool, bool TakesTask, bool WrapsOutput) Describe(ServedSkill served)
    {
        var skill = served.Skill;
        var descriptor = skill.Descriptor;
        var takesTask = !skill.Manifest.DeclaresInputs && SkillRunSetup.RunsOnModel(skill);
        var inputSchema = Parse(takesTask ? TaskSchema : descriptor.InputSchema);

        JsonElement outputSchema;
        bool wrapsOutput;
        if (descriptor.OutputType == SkillOutputType.Json && descriptor.OutputSchema is { } schema && DescribesObject(Parse(schema)))
        {
            outputSchema = Parse(schema);
            wrapsOutput = false;
        }
        else
        {
            var inner = descriptor.OutputType switch
            {
                SkillOutputType.Json => descriptor.OutputSchema ?? "{}",
                _ => """{"type":"string"}""",
            };
            outputSchema = Parse($$"""{"type":"object","properties":{"{{ResultProperty}}":{{inner}}},"required":["{{ResultProperty}}"]}""");
            wrapsOutput = true;
        }

        var tool = new Tool
        {
            Name = served.Name,
            Title = skill.Name,
            Description = Description(skill),
            InputSchema = inputSchema,
            OutputSchema = outputSchema,
        };
        return (tool, takesTask, wrapsOutput);
    }

    private static string Description(SkillDefinition skill)
    {
        var description = skill.Manifest.Description ?? skill.Name;
        return skill.Manifest.Version is { } version ? $"{description} (skill {skill.Name} {version})" : description;
    }

    private static bool DescribesObject(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object
        && schema.TryGetProperty("type", out var type)
        && type.ValueKind == JsonValueKind.String
        && type.ValueEquals("object");

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private bool TryReadArguments(IDictionary<string, JsonElement>? arguments, out JsonElement input, out string problem)
    {
        problem = string.Empty;
        if (_takesTask)
        {
            if (arguments is not null && arguments.TryGetValue(TaskProperty, out var task) && task.ValueKind == JsonValueKind.String && task.GetString() is { Length: > 0 })
            {
                input = task;
                return true;
            }

            input = default;
            problem = $"{ProtocolTool.Name} declares no inputs and runs on a task in words: pass {{\"task\": \"…\"}}, such as {{\"task\": \"Summarize data/sales.csv\"}}.";
            return false;
        }

        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in arguments ?? new Dictionary<string, JsonElement>())
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        input = document.RootElement.Clone();
        return true;
    }

    private CallToolResult Success(JsonElement output)
    {
        JsonElement structured;
        if (_wrapsOutput)
        {
            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WritePropertyName(ResultProperty);
                output.WriteTo(writer);
                writer.WriteEndObject();
            }

            using var document = JsonDocument.Parse(buffer.ToArray());
            structured = document.RootElement.Clone();
        }
        else
        {
            structured = output;
        }

        // Text outputs read as themselves; JSON ones as the JSON (what the spec asks servers to send beside structuredContent).
        var text = output.ValueKind == JsonValueKind.String && _served.Skill.Manifest.Output.Type != SkillOutputType.Json
            ? output.GetString()!
            : output.GetRawText();
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = text }],
            StructuredContent = structured,
        };
    }

    private static CallToolResult Error(string message) => new()
    {
        Content = [new TextContentBlock { Text = message }],
        IsError = true,
    };

    private Func<SkillRunUpdate<JsonElement>, ValueTask> CreateProgress(McpServer server, ProgressToken token, CancellationToken cancellationToken)
    {
        var step = 0;
        var characters = 0;
        var sinceLast = Stopwatch.StartNew();
        var start = SkillRunSetup.RunsOnModel(_served.Skill) ? "waiting for the model" : $"running {_served.Skill.Name}";
        return async update =>
        {
            string message;
            if (update is null)
            {
                message = start;
            }
            else if (update.Kind == SkillRunUpdateKind.TextDelta)
            {
                characters += update.Text?.Length ?? 0;
                if (sinceLast.Elapsed < ProgressInterval)
                {
                    return;
                }

                message = string.Create(CultureInfo.InvariantCulture, $"the model has written {characters} characters");
            }
            else if (update.Kind == SkillRunUpdateKind.Repair && update.Repair is { } repair)
            {
                message = string.Create(CultureInfo.InvariantCulture, $"attempt {repair.Attempt} broke the output contract ({Count(repair.Violations.Count, "problem")}); sent back to the model to be fixed");
            }
            else
            {
                return;
            }

            sinceLast.Restart();
            step++;
            await server.NotifyProgressAsync(token, new ProgressNotificationValue { Progress = step, Message = message }, cancellationToken: cancellationToken).ConfigureAwait(false);
        };
    }

    private async Task WriteErrorLineAsync(string line)
    {
        await _error.WriteLineAsync(line).ConfigureAwait(false);
        await _error.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static string Count(int count, string noun) => string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");
}
