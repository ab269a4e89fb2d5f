using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.Cli.Running;
using SkillRt.Cli.Store;
using SkillRt.Evaluation;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt eval &lt;skill&gt;</c>: runs the golden tests in a skill's <c>evals/*.yaml</c>
/// (spec/EVAL-SPEC.md) through the runner, on the configured model, on the cases' recordings
/// (<c>--replay</c>), or on the model while recording them (<c>--record</c>), and reports each case's
/// pass rate with a 95% interval as text, JSON, JUnit XML or HTML. Exit code 0 when every case passes,
/// 10 when one does not. The command only parses arguments; SkillRt.Evaluation does the work.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var skill = new Argument<string>("skill")
        {
            Description = "A skill folder (or its SKILL.md) with an evals/ folder, or an installed skill as name or name@range.",
        };
        var trials = new Option<int?>("--trials")
        {
            Description = "Run every case this many times (1 to 1000), overriding the files' 'trials'.",
        };
        var format = new Option<string>("--format")
        {
            Description = "The report: 'text' for people, 'json' (the result as stored and compared), 'junit' (JUnit XML for CI) or 'html' (one self-contained page).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "junit", "html");
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the report to this file (replaced whole, never half-written) instead of stdout; a summary line goes to stderr.",
        };
        var replay = new Option<bool>("--replay")
        {
            Description = "Answer every case from its 'recording' instead of a model: no model, key or network; the same result every time.",
        };
        var record = new Option<bool>("--record")
        {
            Description = "Run on the configured model and write each case's first trial to its 'recording' (replaced), for --replay.",
        };
        var model = new Option<string?>("--model")
        {
            Description = "The model id; default $SKILLRT_MODEL. The server is $OPENAI_BASE_URL (default https://api.openai.com/v1), the key $OPENAI_API_KEY. Rubrics are graded by the same model.",
        };
        var timeout = new Option<string?>("--timeout")
        {
            Description = "How long each run of a case may take, such as 90s, 5m or 1h; default $SKILLRT_TIMEOUT, else 10m.",
        };
        var noSandbox = new Option<bool>("--no-sandbox")
        {
            Description = "UNSAFE: where no sandbox is available, run the skill's processes unconfined (as skillrt run --no-sandbox).",
        };

        var command = new Command("eval", "Run a skill's golden tests (evals/*.yaml) and report pass rates with 95% confidence intervals.")
        {
            skill,
            trials,
            format,
            output,
            replay,
            record,
            model,
            timeout,
            noSandbox,
        };
#if SKILL_NATIVE_FRONT
        command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new Request(
                parseResult.GetValue(skill)!,
                parseResult.GetValue(trials),
                parseResult.GetValue(format)!,
                parseResult.GetValue(output),
                parseResult.GetValue(replay),
                parseResult.GetValue(record),
                parseResult.GetValue(model),
                parseResult.GetValue(timeout),
                parseResult.GetValue(noSandbox)),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
#endif
        return command;
    }

#if !SKILL_NATIVE_FRONT
    private static async Task<int> RunAsync(Request request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (request.Replay && request.Record)
        {
            throw new CliException(ExitCodes.UsageError, "--replay and --record cannot be used together: record the cases on a model with --record, then repeat them offline with --replay.");
        }

        if (request.Trials is { } count && (count < 1 || count > 1000))
        {
            throw new CliException(ExitCodes.UsageError, $"--trials is {count}; run each case 1 to 1000 times.");
        }

        if (request.NoSandbox)
        {
            await error.WriteLineAsync(RunCommand.NoSandboxWarning).ConfigureAwait(false);
        }

        var format = request.Format switch
        {
            "json" => EvalReportFormat.Json,
            "junit" => EvalReportFormat.JUnit,
            "html" => EvalReportFormat.Html,
            _ => EvalReportFormat.Text,
        };
        var store = SkillStore.Open();
        var skill = await SkillLocator.LoadAsync(request.Skill, store, cancellationToken).ConfigureAwait(false);
        if (skill.Document.Mode == SkillMode.Prose)
        {
            throw new CliException(ExitCodes.UsageError, $"{skill.Name} is a prose skill (no frontmatter), so nothing runs it and there is no output to test; give it frontmatter (SKILL-SPEC section 3) to evaluate it.");
        }

        var suite = await LoadSuiteAsync(skill, cancellationToken).ConfigureAwait(false);
        foreach (var warning in suite.Diagnostics)
        {
            await error.WriteLineAsync(warning.ToString()).ConfigureAwait(false);
        }

        var mode = request.Replay ? EvalModelMode.Replay : request.Record ? EvalModelMode.Record : EvalModelMode.Live;
        var runTimeout = RunTimeout.Read(request.Timeout);
        string? problem = null;
        var configuration = mode == EvalModelMode.Replay ? null : ModelConfiguration.TryRead(request.Model, out problem);
        if (configuration is null && mode != EvalModelMode.Replay && SkillRunSetup.RunsOnModel(skill))
        {
            throw new CliException(ExitCodes.NotConfigured, problem! + " To run the cases offline, replay their recordings with --replay.");
        }

        var runnerOptions = await SkillRunSetup.CreateOptionsAsync(skill, store, request.NoSandbox, runTimeout, cancellationToken).ConfigureAwait(false);
        using var chatClient = configuration?.CreateChatClient(runTimeout, runnerOptions.MaxAnswerLength);
        var modelId = configuration?.ModelId ?? (mode == EvalModelMode.Replay ? request.Model : null);
        var total = suite.Cases.Sum(@case => request.Trials ?? @case.Trials);
        await error.WriteLineAsync($"skillrt: evaluating {Label(skill)}: {Plural(suite.Cases.Count, "case")}, {Plural(total, "trial")} ({ModeText(mode)})").ConfigureAwait(false);

        EvalResult result;
        try
        {
            result = await EvalRunner.RunAsync(
                suite,
                chatClient,
                new EvalRunOptions
                {
                    Mode = mode,
                    Trials = request.Trials,
                    RunnerOptions = runnerOptions,
                    RunOptions = modelId is null ? null : new SkillRunOptions { ModelId = modelId },
                    Progress = new ProgressLines(error),
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The runner refuses options before it runs anything; the checks above make this a bug if it happens.
            throw new CliException(ExitCodes.InternalError, exception.Message, exception.ToString(), exception);
        }

        if (request.Output is null)
        {
            using var buffer = new MemoryStream();
            await EvalReport.WriteAsync(result, format, buffer, cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (format != EvalReportFormat.Text)
            {
                await error.WriteLineAsync(Summary(result, null)).ConfigureAwait(false);
            }
        }
        else
        {
            await WriteFileAsync(request.Output, result, format, cancellationToken).ConfigureAwait(false);
            await error.WriteLineAsync(Summary(result, request.Output)).ConfigureAwait(false);
        }

        return result.Passed ? ExitCodes.Success : ExitCodes.EvalsFailed;
    }

    private static async Task<EvalSuite> LoadSuiteAsync(SkillDefinition skill, CancellationToken cancellationToken)
    {
        EvalSuite suite;
        try
        {
            suite = await EvalSuite.LoadAsync(skill, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UsageError, $"cannot read the evals of {skill.Name}: {exception.Message}", exception.ToString(), exception);
        }

        if (!suite.HasErrors)
        {
            return suite;
        }

        var errors = suite.Diagnostics.Count(d => d.Severity == SkillDiagnosticSeverity.Error);
        throw new CliException(ExitCodes.InvalidSkill, $"the evals of {skill.Name} have {Plural(errors, "error")}; fix the lines above and run again (spec/EVAL-SPEC.md lists every EVAL ID with the fix).")
        {
            Diagnostics = suite.Diagnostics.Select(d => d.ToString()).ToList(),
        };
    }

    // The report goes to a temporary file beside the target and is moved over it: a failed or
    // interrupted write leaves the previous report, never half of a new one.
    private static async Task WriteFileAsync(string path, EvalResult result, EvalReportFormat format, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var temporary = full + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)[..8] + ".tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await EvalReport.WriteAsync(result, format, stream, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(temporary);
            throw new CliException(ExitCodes.UsageError, $"--output: cannot write '{full}': {exception.Message}; choose a file in a folder you can write to.", exception.ToString(), exception);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the report was not written, which the error says.
        }
    }

    private static string Summary(EvalResult result, string? path)
    {
        var passedCases = result.Cases.Count(@case => @case.Passed);
        var where = path is null ? string.Empty : " → " + path;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"skillrt: {(result.Passed ? "passed" : "FAILED")}: {passedCases} of {Plural(result.Cases.Count, "case")} passed; {result.PassedTrials}/{result.TotalTrials} trials ({result.PassRate * 100:0.#}%, 95% CI {result.Interval}){where}");
    }

    private static string Label(SkillDefinition skill) => skill.Manifest.Version is { } version ? $"{skill.Name}@{version}" : skill.Name;

    private static string ModeText(EvalModelMode mode) => mode switch
    {
        EvalModelMode.Replay => "replaying the recordings",
        EvalModelMode.Record => "on the model, recording",
        _ => "on the model",
    };

    private static string Plural(int count, string noun) => count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");

    /// <summary>A line on stderr per finished trial, so a long run shows it is moving (and where it fails).</summary>
    private sealed class ProgressLines(TextWriter error) : IProgress<EvalProgress>
    {
        public void Report(EvalProgress value) =>
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"skillrt: [{value.Completed}/{value.Total}] {value.CaseName} trial {value.Trial}/{value.Trials}: {(value.Passed ? "passed" : "failed")}"));
    }

    private sealed record Request(string Skill, int? Trials, string Format, string? Output, bool Replay, bool Record, string? Model, string? Timeout, bool NoSandbox);
#endif
}
