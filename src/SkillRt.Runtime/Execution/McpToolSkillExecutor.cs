using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SkillRt.Mcp;

namespace SkillRt.Execution;

/// <summary>
/// Runs <c>mcp-tool</c> skills: one call of <c>runtime.tool</c> on the MCP server
/// <c>runtime.server</c>, whose result is the output, checked against the skill's contract. There is
/// no model, so nothing to repair: a result that breaks the contract fails the run.
/// </summary>
/// <remarks>
/// <para>Arguments: the input object's properties, by name. A skill without declared inputs takes its
/// task as text; the text goes to the tool's only parameter, a tool without parameters gets none,
/// and a tool with several is an error that asks for the inputs to be declared.</para>
/// <para>Output: for a <c>json</c> output the result's <c>structuredContent</c> when the tool gives
/// one, otherwise its text parsed as JSON; for <c>text</c> the text blocks joined by newlines; for
/// <c>file</c> the text is the file's path, resolved against the working directory.</para>
/// </remarks>
internal sealed class McpToolSkillExecutor(McpClientPool pool, SkillRunnerOptions options, ILogger logger) : ISkillExecutor
{
    public bool CanExecute(SkillDescriptor skill) => skill.Runtime.Type == SkillRuntimeType.McpTool;

    public async Task<TOutput> ExecuteAsync<TInput, TOutput>(SkillExecution<TInput, TOutput> execution, CancellationToken cancellationToken)
        where TInput : notnull
    {
        var descriptor = execution.Descriptor;
        var skill = descriptor.Name;
        var server = descriptor.Runtime.Server;
        var tool = descriptor.Runtime.Tool;
        execution.State.Attempts = 1;
        if (string.IsNullOrEmpty(server) || string.IsNullOrEmpty(tool))
        {
            throw new SkillToolException($"Skill '{skill}' has runtime type mcp-tool but no runtime.server or runtime.tool; name the MCP server and the tool to call.", server, tool, skill);
        }

        if (!pool.IsConfigured(server))
        {
            throw new SkillToolException(
                $"Skill '{skill}' calls tool '{tool}' on MCP server '{server}', which is not configured; add it to .mcp.json or mcp.json (under \"mcpServers\") or to SkillRunnerOptions.McpServers.",
                server,
                tool,
                skill);
        }

        McpClient client;
        try
        {
            client = await pool.GetClientAsync(server, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = pool.DescribeFailure(server, e);
            McpLog.ToolFailed(logger, skill, tool, server, reason);
            throw new SkillToolException($"Skill '{skill}' could not call tool '{tool}': MCP server '{server}' is not reachable: {reason}.", server, tool, skill, e);
        }

        var arguments = await ArgumentsAsync(execution, server, tool, cancellationToken).ConfigureAwait(false);
        McpLog.CallingTool(logger, skill, tool, server);
        var result = await CallAsync(client, skill, server, tool, arguments, cancellationToken).ConfigureAwait(false);

        var text = Text(result);
        if (result.IsError == true)
        {
            var error = text.Length > 0 ? text : result.StructuredContent?.GetRawText() ?? "(no message)";
            McpLog.ToolFailed(logger, skill, tool, server, "the tool reported an error");
            throw new SkillToolException($"Tool '{tool}' on MCP server '{server}' reported an error for skill '{skill}': {error}", server, tool, skill) { ToolError = error };
        }

        var raw = Output(execution, result, text);
        if (options.LogContents)
        {
            SkillRunnerLog.Answer(logger, skill, 1, raw);
        }

        if (!execution.Contract.TryReadOutput(raw, out var output, out var violations))
        {
            throw new SkillOutputException(raw, violations, skill);
        }

        return output;
    }

    private async Task<CallToolResult> CallAsync(
        McpClient client, string skill, string server, string tool, Dictionary<string, JsonElement> arguments, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ToolCallTimeout);
        try
        {
            // The request type takes JsonElement arguments, so nothing goes through reflection-based serialization.
            return await client.CallToolAsync(new CallToolRequestParams { Name = tool, Arguments = arguments }, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = options.ToolCallTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            McpLog.ToolFailed(logger, skill, tool, server, "timeout");
            throw new SkillToolException(
                $"Tool '{tool}' on MCP server '{server}' did not answer skill '{skill}' within {seconds} s; raise SkillRunnerOptions.ToolCallTimeout if it needs longer.",
                server,
                tool,
                skill,
                e);
        }
        catch (McpProtocolException e)
        {
            // Protocol errors are the server refusing the call itself: an unknown tool, arguments it rejects.
            McpLog.ToolFailed(logger, skill, tool, server, "protocol error " + ((int)e.ErrorCode).ToString(CultureInfo.InvariantCulture));
            throw new SkillToolException($"MCP server '{server}' refused the call to tool '{tool}' for skill '{skill}': {e.Message}", server, tool, skill, e) { ToolError = e.Message };
        }
        catch (Exception e) when (e is McpException or IOException)
        {
            var reason = pool.DescribeFailure(server, e);
            McpLog.ToolFailed(logger, skill, tool, server, reason);
            throw new SkillToolException($"MCP server '{server}' failed during the call to tool '{tool}' for skill '{skill}': {reason}", server, tool, skill, e);
        }
    }

    /// <summary>The tool's arguments: the input object's properties, or a prose skill's task for the tool's only parameter.</summary>
    private async Task<Dictionary<string, JsonElement>> ArgumentsAsync<TInput, TOutput>(
        SkillExecution<TInput, TOutput> execution, string server, string tool, CancellationToken cancellationToken)
        where TInput : notnull
    {
        var input = execution.Input;
        var arguments = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        switch (input.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in input.EnumerateObject())
                {
                    arguments[property.Name] = property.Value.Clone();
                }

                return arguments;
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return arguments;
            case JsonValueKind.String:
                var parameters = await ParametersAsync(execution.Descriptor.Name, server, tool, cancellationToken).ConfigureAwait(false);
                switch (parameters.Count)
                {
                    case 0:
                        return arguments;
                    case 1:
                        arguments[parameters[0]] = input.Clone();
                        return arguments;
                    default:
                        throw new SkillToolException(
                            $"Skill '{execution.Descriptor.Name}' declares no inputs, so its input is text, but tool '{tool}' on MCP server '{server}' takes {parameters.Count} arguments ({string.Join(", ", parameters)}); declare them as the skill's inputs so they are passed by name.",
                            server,
                            tool,
                            execution.Descriptor.Name);
                }

            default:
                throw new SkillToolException(
                    $"Skill '{execution.Descriptor.Name}' was given {input.ValueKind.ToString().ToLowerInvariant()} as its input, but tool '{tool}' takes an object of arguments; pass the inputs as an object.",
                    server,
                    tool,
                    execution.Descriptor.Name);
        }
    }

    private async Task<IReadOnlyList<string>> ParametersAsync(string skill, string server, string tool, CancellationToken cancellationToken)
    {
        var tools = await pool.GetToolsAsync(server, cancellationToken).ConfigureAwait(false);
        var function = tools.FirstOrDefault(t => t.Name == tool) ?? throw new SkillToolException(
            $"MCP server '{server}' has no tool '{tool}', which skill '{skill}' calls; it has {(tools.Count == 0 ? "none" : string.Join(", ", tools.Select(t => "'" + t.Name + "'")))}.",
            server,
            tool,
            skill);

        var schema = function.JsonSchema;
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return [.. properties.EnumerateObject().Select(p => p.Name)];
    }

    /// <summary>The raw output the contract reads: JSON text, the text itself, or a file's full path.</summary>
    private static string Output<TInput, TOutput>(SkillExecution<TInput, TOutput> execution, CallToolResult result, string text)
        where TInput : notnull
    {
        var structured = result.StructuredContent is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } s ? s : (JsonElement?)null;
        switch (execution.Descriptor.OutputType)
        {
            case SkillOutputType.Json:
                return structured?.GetRawText() ?? text.Trim();
            case SkillOutputType.File:
                var path = text.Trim();
                var fullPath = path.Length == 0 ? null : Path.GetFullPath(path, execution.WorkingDirectory);
                if (fullPath is null || !File.Exists(fullPath))
                {
                    throw new SkillOutputException(text, [new SkillViolation(string.Empty, fullPath is null
                        ? "The tool's result has no text; a file output is the path of the file the tool wrote."
                        : $"There is no file at '{fullPath}'; a file output is the path of the file the tool wrote.")], execution.Descriptor.Name);
                }

                return fullPath;
            default:
                return text.Length == 0 && structured is { } json ? json.GetRawText() : text;
        }
    }

    private static string Text(CallToolResult result) =>
        string.Join('\n', result.Content.OfType<TextContentBlock>().Select(block => block.Text));
}
