using System;
using System.ClientModel;
using System.Collections.Generic;
using System.ClientModel.Primitives;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using SkillRt.Cli.Output;
using SkillRt.Mcp;
using SkillRt.Providers;

namespace SkillRt.Cli.Running;

/// <summary>
/// Turns what a run can throw into the <c>skill</c> command's errors: a short line that says what
/// failed and what to check, the list of problems (violations, missing dependencies, a process's
/// standard error) on lines of their own, and the exit code scripts rely on.
/// </summary>
internal static class RunFailures
{
    /// <summary>The CLI error for <paramref name="exception"/>, or <see langword="null"/> when it is not a run failure (a bug).</summary>
    /// <param name="exception">What the run threw.</param>
    /// <param name="skill">The skill that ran.</param>
    /// <param name="model">The model configuration, when a model was configured.</param>
    public static CliException? Translate(Exception exception, SkillDefinition skill, ModelConfiguration? model)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(skill);
        return exception switch
        {
            SkillInputException input => InvalidInput(skill, input.Violations, input),
            ModelProviderException provider => new CliException(ExitCodes.RunFailed, provider.Message, innerException: provider),
            SkillOutputException output => new CliException(
                ExitCodes.RunFailed,
                $"the output of {skill.Name} still broke its contract after every repair attempt ({Problems(output.Violations.Count)}); try a stronger model with --model, or run with --verbose to see the last answer.",
                "Last answer:" + Environment.NewLine + output.RawOutput,
                output)
            {
                Diagnostics = output.Violations.Select(v => "  output " + v).ToList(),
            },
            SkillDependencyException dependencies => new CliException(
                ExitCodes.RunFailed,
                $"{skill.Name} cannot run: {(dependencies.Problems.Count == 1 ? "1 dependency is" : $"{dependencies.Problems.Count} dependencies are")} missing; {DependencyAdvice(dependencies.Problems)}.",
                innerException: dependencies)
            {
                Diagnostics = dependencies.Problems.Select(p => "  - " + p).ToList(),
            },
            SkillTemplateException template => new CliException(
                ExitCodes.InvalidSkill,
                $"the instructions of {skill.Name} cannot be rendered; the skill needs fixing at the line above.",
                innerException: template)
            {
                Diagnostics = [template.Message],
            },
            SkillTimeoutException timeout => new CliException(
                ExitCodes.RunFailed,
                $"the run of {skill.Name} did not finish within {RunTimeout.Format(timeout.Timeout)}; raise it with --timeout (or {RunTimeout.Variable}), such as --timeout {RunTimeout.Format(timeout.Timeout * 2)}.",
                timeout.ToString(),
                timeout),
            SkillProcessException or SkillToolException or SkillSandboxException => Lines(ExitCodes.RunFailed, exception),
            McpConfigurationException mcp => Lines(ExitCodes.NotConfigured, mcp),
            // Any other verdict of the runtime on this run is a run failure it has put in words.
            SkillException => Lines(ExitCodes.RunFailed, exception),
            ClientResultException server => Server(server, model),
            ModelResponseTooLargeException tooLarge => new CliException(
                ExitCodes.RunFailed,
                $"the model server {model?.Endpoint.ToString() ?? "the model server"} sent a response of more than {tooLarge.Limit / (1024 * 1024)} MiB, and it was not read further; ask for a shorter output, or use a model that follows the output contract.",
                tooLarge.ToString(),
                tooLarge),
            // The OpenAI client's retry policy gathers the failures of every try; the last one says it all.
            AggregateException { InnerExceptions.Count: > 0 } aggregate => Translate(aggregate.InnerExceptions[^1], skill, model),
            // Only the caller's cancellation (Ctrl+C) is a cancellation; the command checks that before
            // asking here. Anything else cancelled inside a model call is the client's network timeout.
            OperationCanceledException or TimeoutException => NoAnswer(exception, model),
            HttpRequestException or IOException or SocketException => Unreachable(exception, model),
            // The runner reads JSON only through contracts, which report violations instead; a JSON
            // error that escapes a run is the OpenAI client failing to read what the server sent.
            JsonException => Garbled(exception, model),
            _ => null,
        };
    }

    /// <summary>The CLI error for inputs that break <paramref name="skill"/>'s declaration: every problem on a line of its own, exit 2.</summary>
    /// <param name="skill">The skill the inputs are for.</param>
    /// <param name="violations">What is wrong with them.</param>
    /// <param name="exception">The runner's exception, when it was the runner that found them.</param>
    public static CliException InvalidInput(SkillDefinition skill, IReadOnlyList<SkillViolation> violations, Exception? exception = null)
    {
        ArgumentNullException.ThrowIfNull(skill);
        ArgumentNullException.ThrowIfNull(violations);
        return new CliException(
            ExitCodes.UsageError,
            $"the input for {skill.Name} is invalid ({Problems(violations.Count)}); fix the values given with --inputs or --input, or see 'skillrt info {skill.Name}'.",
            innerException: exception)
        {
            Diagnostics = violations.Select(v => "  input " + v).ToList(),
        };
    }

    // What to do, for the kinds of dependency that are missing: agent-docs come from --agent-doc, the rest as ever.
    private static string DependencyAdvice(IReadOnlyList<SkillDependencyProblem> problems)
    {
        const string Usual = "install missing skills with 'skillrt install <name@range>', put tools on PATH, and configure MCP servers in .mcp.json in this folder";
        const string AgentDocs = "pass the agent-docs it declares with --agent-doc <file|folder>, in a version that has the operations it lists";
        var agentDocs = problems.Count(p => p.Kind == SkillDependencyKind.AgentDoc);
        return agentDocs == 0 ? Usual : agentDocs == problems.Count ? AgentDocs : Usual + "; " + AgentDocs;
    }

    private static CliException NoAnswer(Exception exception, ModelConfiguration? model) => new(
        ExitCodes.RunFailed,
        $"the model server {model?.Endpoint.ToString() ?? "the model server"} did not answer in time ({TextTable.OneLine(exception.Message)}); check that it is running and not overloaded, or raise --timeout.",
        exception.ToString(),
        exception);

    private static CliException Garbled(Exception exception, ModelConfiguration? model) => new(
        ExitCodes.RunFailed,
        $"the model server {model?.Endpoint.ToString() ?? "the model server"} sent something that is not a chat completion ({TextTable.OneLine(exception.Message)}); check {ModelConfiguration.BaseUrlVariable} points at an OpenAI-compatible API.",
        exception.ToString(),
        exception);

    // A model server's answer: which server, what it said, and what the status usually means.
    private static CliException Server(ClientResultException exception, ModelConfiguration? model)
    {
        var endpoint = model?.Endpoint.ToString() ?? "the model server";
        if (exception.Status == 0)
        {
            // System.ClientModel reports a request that never got an answer with status 0.
            return Unreachable(exception, model);
        }

        var response = exception.GetRawResponse();
        var said = ServerMessage(response) is { } text ? $": \"{TextTable.OneLine(text)}\"" : string.Empty;
        var check = exception.Status switch
        {
            401 => $"check {ModelConfiguration.ApiKeyVariable}",
            403 => $"check that the key in {ModelConfiguration.ApiKeyVariable} may use model '{model?.ModelId}'",
            404 => $"check the model id ('{model?.ModelId}', from --model or {ModelConfiguration.ModelVariable}) and {ModelConfiguration.BaseUrlVariable}",
            429 => "the rate limit or quota is used up (the client already retried); wait, or check the account's billing",
            >= 500 => "the server failed (the client already retried); try again later",
            _ => $"check --model/{ModelConfiguration.ModelVariable} and that the server supports this request",
        };
        return new CliException(
            ExitCodes.RunFailed,
            $"the model server {endpoint} answered {exception.Status}{(response?.ReasonPhrase is { Length: > 0 } reason ? " " + reason : string.Empty)}{said}; {check}.",
            exception.ToString(),
            exception);
    }

    private static CliException Unreachable(Exception exception, ModelConfiguration? model)
    {
        var endpoint = model?.Endpoint.ToString() ?? "the model server";
        var reason = (exception.InnerException ?? exception).Message;
        return new CliException(
            ExitCodes.RunFailed,
            $"cannot reach the model server {endpoint}: {TextTable.OneLine(reason)}; check {ModelConfiguration.BaseUrlVariable} and that the server is running.",
            exception.ToString(),
            exception);
    }

    // OpenAI-compatible servers answer errors as {"error": {"message": "…"}}; others may not.
    private static string? ServerMessage(PipelineResponse? response)
    {
        if (response?.Content is not { } content || content.ToMemory().IsEmpty)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(content.ToMemory());
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Runtime messages put details (standard error, more reasons) on later lines: those become lines of their own.
    private static CliException Lines(int exitCode, Exception exception)
    {
        var lines = exception.Message.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return new CliException(exitCode, lines[0], exception.ToString(), exception)
        {
            Diagnostics = lines.Skip(1).Where(line => line.Length > 0).ToList(),
        };
    }

    private static string Problems(int count) => count == 1 ? "1 problem" : $"{count} problems";
}
