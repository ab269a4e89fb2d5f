using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SkillRt.Sandboxing;

namespace SkillRt.Execution;

/// <summary>
/// Runs <c>process</c> skills: starts <c>runtime.command</c> in the sandbox, writes the input as JSON
/// to its standard input, and reads its standard output as the output, checked against the contract.
/// A process gets one attempt: unlike a model, it cannot be asked to fix its answer.
/// </summary>
internal sealed class ProcessSkillExecutor(ProcessSandbox sandbox, SkillRunnerOptions options, ILogger logger) : ISkillExecutor
{
    // How many lines of standard error go into a failure's message; the exception keeps the whole tail.
    private const int ErrorLinesInMessage = 10;

    private readonly ILogger _logger = logger;

    public bool CanExecute(SkillDescriptor skill) => skill.Runtime.Type == SkillRuntimeType.Process;

    public async Task<TOutput> ExecuteAsync<TInput, TOutput>(SkillExecution<TInput, TOutput> execution, CancellationToken cancellationToken)
        where TInput : notnull
    {
        ArgumentNullException.ThrowIfNull(execution);
        var descriptor = execution.Descriptor;
        var command = descriptor.Runtime.Command;
        if (command.Count == 0 || string.IsNullOrWhiteSpace(command[0]))
        {
            throw new SkillProcessException($"Skill '{descriptor.Name}' is a process skill without a command; set runtime.command.", descriptor.Name, exitCode: null, standardError: null, timedOut: false);
        }

        execution.State.Attempts = 1;
        var limits = execution.ProcessLimits ?? ProcessLimits.Resolve(options, null);
        var start = new SandboxedProcessStart
        {
            SkillName = descriptor.Name,
            Program = command[0],
            Arguments = command.Skip(1).Select(argument => ResolveArgument(argument, execution.SkillDirectory)).ToArray(),
            WorkingDirectory = execution.WorkingDirectory,
            SkillDirectory = execution.SkillDirectory,
            SkillFile = execution.SkillDirectory is null ? descriptor.SourcePath : null,
            Permissions = descriptor.Permissions,
            StandardInput = Encoding.UTF8.GetBytes(InputJson(execution.Input)),
            Timeout = options.ProcessTimeout,
            TimeProvider = options.TimeProvider,
            Limits = limits,
            MaxOutputBytes = limits.MaxOutputBytes,
        };

        var result = await sandbox.RunAsync(start, cancellationToken).ConfigureAwait(false);
        var programName = Path.GetFileName(command[0]);
        if (result.LimitExceeded is { } limit)
        {
            var message = $"The process of skill '{descriptor.Name}' ({programName}) {result.LimitDescription}";
            throw new SkillProcessException(WithStandardError(new StringBuilder(message), result).ToString(), descriptor.Name, result.ExitCode, result.StandardError, timedOut: false)
            {
                LimitExceeded = limit,
            };
        }

        if (result.ExitCode != 0)
        {
            throw new SkillProcessException(FailureMessage(descriptor.Name, result), descriptor.Name, result.ExitCode, result.StandardError, timedOut: false);
        }

        if (result.OutputTruncated)
        {
            var description = ResourceLimiter.Describe(SkillResourceLimit.Output, limits);
            if (!descriptor.Runtime.AllowTruncatedOutput)
            {
                throw new SkillProcessException($"The process of skill '{descriptor.Name}' ({programName}) {description}", descriptor.Name, result.ExitCode, result.StandardError, timedOut: false)
                {
                    LimitExceeded = SkillResourceLimit.Output,
                };
            }

            // The skill said the start of its output is an answer; the run goes on, and says so.
            var warning = $"The output of the process ({programName}) was longer than {ProcessLimits.FormatBytes(limits.MaxOutputBytes)} and was cut there; the skill allows that (runtime.allow-truncated-output).";
            SandboxLog.OutputTruncated(_logger, descriptor.Name, warning);
            execution.State.Warnings.Add(warning);
        }

        if (options.LogContents)
        {
            SkillRunnerLog.Answer(_logger, descriptor.Name, 1, result.StandardOutput);
        }

        if (TryReadOutput(execution, result, out var output, out var violations))
        {
            return output;
        }

        throw new SkillOutputException(result.StandardOutput, violations, descriptor.Name);
    }

    /// <summary>
    /// An argument naming a file in the skill's folder (<c>scripts/review.py</c>) becomes its full path:
    /// skills name their scripts relative to their folder, and the process starts in the working folder.
    /// Flags, values and anything else are passed as they are.
    /// </summary>
    private static string ResolveArgument(string argument, string? skillDirectory)
    {
        if (skillDirectory is null || argument.Length == 0 || argument[0] == '-' || Path.IsPathRooted(argument))
        {
            return argument;
        }

        string candidate;
        try
        {
            candidate = Path.GetFullPath(argument, skillDirectory);
        }
        catch (ArgumentException)
        {
            return argument;
        }

        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(skillDirectory)) + Path.DirectorySeparatorChar;
        return candidate.StartsWith(folder, StringComparison.Ordinal) && File.Exists(candidate) ? candidate : argument;
    }

    /// <summary>The input object as JSON; a skill without declared inputs gets its task as a JSON string.</summary>
    private static string InputJson(JsonElement input) =>
        input.ValueKind is JsonValueKind.Undefined ? "{}" : input.GetRawText();

    private static string FailureMessage(string skillName, SandboxedProcessResult result)
    {
        var message = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"The process of skill '{skillName}' exited with code {result.ExitCode}.");
        return WithStandardError(message, result).ToString();
    }

    /// <summary>Adds the first lines of standard error, or that there were none, to a failure's message.</summary>
    private static StringBuilder WithStandardError(StringBuilder message, SandboxedProcessResult result)
    {
        var lines = result.StandardError.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Trim().Length > 0).ToList();
        if (lines.Count == 0)
        {
            return message.Append(" It wrote nothing to standard error.");
        }

        message.Append(" Standard error:");
        foreach (var line in lines.Take(ErrorLinesInMessage))
        {
            message.Append("\n  ").Append(line);
        }

        if (lines.Count > ErrorLinesInMessage)
        {
            message.Append(CultureInfo.InvariantCulture, $"\n  ({lines.Count - ErrorLinesInMessage} more line(s) in StandardError)");
        }

        return message;
    }

    private static bool TryReadOutput<TInput, TOutput>(
        SkillExecution<TInput, TOutput> execution, SandboxedProcessResult result, out TOutput output, out IReadOnlyList<SkillViolation> violations)
        where TInput : notnull
    {
        var contract = execution.Contract;
        var raw = result.StandardOutput;
        bool valid;
        switch (execution.Descriptor.OutputType)
        {
            case SkillOutputType.Json:
                valid = contract.TryReadOutput(raw.Trim(), out output!, out violations);
                break;
            case SkillOutputType.File:
                var path = raw.Trim();
                var fullPath = path.Length == 0 ? null : Path.GetFullPath(path, execution.WorkingDirectory);
                if (fullPath is null || !File.Exists(fullPath))
                {
                    output = default!;
                    violations = [new SkillViolation(string.Empty, fullPath is null
                        ? "The process wrote nothing to standard output; a file output is the path of the file it wrote."
                        : $"There is no file at '{fullPath}'; a file output is the path of a file the process wrote.")];
                    valid = false;
                    break;
                }

                valid = contract.TryReadOutput(fullPath, out output!, out violations);
                break;
            default:
                // Programs end their output with a line break; it is not part of the text.
                valid = contract.TryReadOutput(raw.TrimEnd('\r', '\n'), out output!, out violations);
                break;
        }

        if (!valid && result.OutputTruncated)
        {
            violations = [new SkillViolation(string.Empty, "The output was cut off at the standard output limit; it is too long."), .. violations];
        }

        return valid;
    }
}
