using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.Cli.Running;
using SkillRt.Cli.Store;
using SkillRt.Mcp;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt run &lt;name|path&gt;</c>: runs a skill once and prints its validated output on stdout and
/// a one-line report on stderr. Markdown skills run on the model configured by <c>--model</c> or
/// <c>SKILLRT_MODEL</c> over <c>OPENAI_BASE_URL</c> and <c>OPENAI_API_KEY</c>, or on the answers of a
/// replay file (<c>--replay</c>); a prose skill (no frontmatter) has nothing to run, so its instructions
/// are printed.
/// </summary>
internal static class RunCommand
{
    /// <summary>Printed on stderr by every run with <c>--no-sandbox</c>, before anything runs.</summary>
    internal const string NoSandboxWarning =
        "skillrt: WARNING: --no-sandbox: where no sandbox is available, this run's processes are NOT confined: they can read and write every file you can, reach any network and keep running after the run. Use it only for skills you trust as much as your own code.";

    public static Command Create()
    {
        var skill = new Argument<string>("skill")
        {
            Description = "An installed skill as name or name@range, or a SKILL.md file or skill folder.",
        };
        var inputs = new Option<string?>("--inputs")
        {
            Description = "The inputs as one JSON object, or @file.json to read it from a file.",
        };
        var input = new Option<string[]>("--input")
        {
            Description = "One input as name=value, typed from the skill's declaration; name=@file reads the value from a file (@@ for a literal @). Repeatable; wins over --inputs.",
        };
        var task = new Option<string?>("--task")
        {
            Description = "What to do, for a skill that declares no inputs (a plain Agent Skills file, for example).",
        };
        var model = new Option<string?>("--model")
        {
            Description = "The model id; default $SKILLRT_MODEL. The server is $OPENAI_BASE_URL (default https://api.openai.com/v1), the key $OPENAI_API_KEY.",
        };
        var stream = new Option<bool>("--stream")
        {
            Description = "Show the model's text on stderr as it is written, and each repair; the output still goes to stdout.",
        };
        var format = new Option<string?>("--format")
        {
            Description = "How to print the output: 'json' always as JSON, 'text' strings unquoted; by default JSON for json outputs and plain text otherwise.",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var noSandbox = new Option<bool>("--no-sandbox")
        {
            Description = "UNSAFE: where no sandbox is available (bubblewrap missing or unusable, not Linux), run the skill's processes anyway, unconfined: they can read and write your files, reach any network and outlive the run. Bubblewrap is still used where it works.",
        };
        var timeout = new Option<string?>("--timeout")
        {
            Description = "How long the whole run may take, repairs, tool calls and processes included, such as 90s, 5m or 1h; default $SKILLRT_TIMEOUT, else 10m.",
        };
        var replay = new Option<string?>("--replay")
        {
            Description = "Answer from a replay file (written by --record, or SkillRt.Testing's format) instead of a model: no model, key or network is needed.",
        };
        var record = new Option<string?>("--record")
        {
            Description = "Write the model's answers (and the prompts sent) to this replay file, for --replay.",
        };
        var agentDoc = new Option<string[]>("--agent-doc")
        {
            Description = "An agent-doc.yaml file, or a folder of agent-doc.yaml and *.agent-doc.yaml files, for a skill that declares dependencies.agent-docs; the skill's own folder is searched too. Repeatable.",
        };

        var command = new Command("run", "Run a skill on a model (or its process or MCP tool) and print the validated output.")
        {
            skill,
            inputs,
            input,
            task,
            model,
            stream,
            format,
            noSandbox,
            timeout,
            replay,
            record,
            agentDoc,
        };
#if SKILL_NATIVE_FRONT
        command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new Request(
                parseResult.GetValue(skill)!,
                parseResult.GetValue(inputs),
                parseResult.GetValue(input) ?? [],
                parseResult.GetValue(task),
                parseResult.GetValue(model),
                parseResult.GetValue(stream),
                parseResult.GetValue(format),
                parseResult.GetValue(noSandbox),
                parseResult.GetValue(timeout),
                parseResult.GetValue(replay),
                parseResult.GetValue(record),
                parseResult.GetValue(agentDoc) ?? [],
                parseResult.GetValue(SkillCommandLine.Verbose)),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
#endif
        return command;
    }

#if !SKILL_NATIVE_FRONT
    // The native front hands run to the host (Native/HostProcess.cs), so what follows is the host's alone.
    private static async Task<int> RunAsync(Request request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (request.NoSandbox)
        {
            await error.WriteLineAsync(NoSandboxWarning).ConfigureAwait(false);
        }

        var store = SkillStore.Open();
        var skill = await SkillLocator.LoadAsync(request.Skill, store, cancellationToken).ConfigureAwait(false);
        if (skill.Document.Mode == SkillMode.Prose)
        {
            return await PrintProseAsync(skill, request, output, error).ConfigureAwait(false);
        }

        if (request.Replay is not null && request.Record is not null)
        {
            throw new CliException(ExitCodes.UsageError, "--replay and --record cannot be used together: record a run on a model with --record, then repeat it offline with --replay.");
        }

        // The input is checked against the skill before the model is looked for: its problems are the
        // user's to fix whichever model would run it, and they need no model to be found.
        var input = ReadInput(skill, request);
        if (!skill.Contract.TryReadInput(input, out _, out var inputViolations))
        {
            throw RunFailures.InvalidInput(skill, inputViolations);
        }

        var timeout = RunTimeout.Read(request.Timeout);

        // Process and mcp-tool skills never call a model, so they run without one configured; nor does a replay.
        string? problem = null;
        var model = request.Replay is null ? ModelConfiguration.TryRead(request.Model, out problem) : null;
        if (model is null && request.Replay is null && SkillRunSetup.RunsOnModel(skill))
        {
            throw new CliException(ExitCodes.NotConfigured, problem!);
        }

        var options = await SkillRunSetup.CreateOptionsAsync(skill, store, request.NoSandbox, timeout, cancellationToken).ConfigureAwait(false);

        // A models file's price makes the report line give the run's cost.
        if (model?.Entry?.Price is { } price)
        {
            options.Prices.Add(model.ModelId, price);
        }

        // A declared agent-doc that is not found fails here, before a model is asked anything.
        var agentDocs = await RunAgentDocs.ResolveAsync(skill, request.AgentDocs, error, request.Verbose, cancellationToken).ConfigureAwait(false);
        using var chatClient = await CreateChatClientAsync(request, model, problem, timeout, options.MaxAnswerLength, cancellationToken).ConfigureAwait(false);

        // The user's model wins over a skill's runtime.model.id: the skill cannot know which models the
        // configured server has. Its temperature and token hints still apply.
        var modelId = model?.ModelId ?? (request.Replay is null ? null : request.Model);
        var runOptions = modelId is null ? null : new SkillRunOptions { ModelId = modelId };
        using var progress = RunProgress.Start(error, skill);
        SkillRunResult<JsonElement> result;
        await using (var host = RunnerHost.Create(chatClient, options, new StandardErrorLogger(error, progress), agentDocs))
        {
            var runner = host.Runner;
            try
            {
                result = request.Stream
                    ? await StreamAsync(runner, skill, input, runOptions, error, cancellationToken).ConfigureAwait(false)
                    : await runner.RunAsync(skill.Contract, input, runOptions, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && RunFailures.Translate(exception, skill, model) is { } failure)
            {
                throw failure;
            }
        }

        await RunOutput.WriteAsync(output, result.Output, skill.Manifest.Output.Type, request.Format).ConfigureAwait(false);

        // The report line only counts repairs; --verbose says what each one sent back (--stream already has, as they happened).
        if (request.Verbose && !request.Stream)
        {
            foreach (var repair in result.Report.Repairs)
            {
                await WriteRepairAsync(error, repair, "it was sent back to be fixed:").ConfigureAwait(false);
            }
        }

        await error.WriteLineAsync(RunReportLine.Format(result.Report)).ConfigureAwait(false);
        foreach (var warning in result.Report.Warnings)
        {
            await error.WriteLineAsync("skillrt: warning: " + warning).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    // The model's client: a replay file's answers, the configured model (recorded with --record), or, for a
    // skill that needs no model, one that says what to configure should anything ask it.
    private static async Task<IChatClient> CreateChatClientAsync(
        Request request, ModelConfiguration? model, string? problem, TimeSpan timeout, int maxAnswerLength, CancellationToken cancellationToken)
    {
        if (request.Replay is not null)
        {
            return await ModelReplay.OpenAsync(request.Replay, cancellationToken).ConfigureAwait(false);
        }

        if (model is null)
        {
            return new UnconfiguredChatClient(problem!);
        }

        var client = model.CreateChatClient(timeout, maxAnswerLength);
        if (request.Record is null)
        {
            return client;
        }

        try
        {
            return await ModelReplay.RecordAsync(client, request.Record, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    // One repair: which attempt broke the contract and each violation that went back to the model with it.
    private static async Task WriteRepairAsync(TextWriter error, SkillRepair repair, string what)
    {
        var count = repair.Violations.Count;
        await error.WriteLineAsync($"skillrt: attempt {repair.Attempt} broke the output contract ({count} problem{(count == 1 ? string.Empty : "s")}); {what}").ConfigureAwait(false);
        foreach (var violation in repair.Violations)
        {
            await error.WriteLineAsync("  output " + violation).ConfigureAwait(false);
        }
    }

    private static async Task<int> PrintProseAsync(SkillDefinition skill, Request request, TextWriter output, TextWriter error)
    {
        if (request.Task is not null || request.Inputs is not null || request.Input.Length > 0)
        {
            await error.WriteLineAsync($"skillrt: note: {skill.Name} is a prose skill (no frontmatter), so there is nothing to run; its instructions follow, and --task and inputs are not used.").ConfigureAwait(false);
        }

        var instructions = skill.Instructions;
        await (instructions.EndsWith('\n') ? output.WriteAsync(instructions) : output.WriteLineAsync(instructions)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    // A skill with an inputs key takes an object; one without takes its task in words (spec section 10.1).
    private static JsonElement ReadInput(SkillDefinition skill, Request request)
    {
        if (skill.Manifest.DeclaresInputs)
        {
            if (request.Task is not null)
            {
                var names = skill.Manifest.Inputs.Count == 0 ? "none" : string.Join(", ", skill.Manifest.Inputs.Select(i => i.Name));
                throw new CliException(ExitCodes.UsageError, $"{skill.Name} declares inputs ({names}), so it takes --inputs or --input, not --task.");
            }

            return RunInputs.Build(skill, request.Inputs, request.Input);
        }

        return RunInputs.WithoutDeclaredInputs(skill, request.Task, request.Inputs, request.Input);
    }

    private static async Task<SkillRunResult<JsonElement>> StreamAsync(
        SkillRunner runner, SkillDefinition skill, JsonElement input, SkillRunOptions? runOptions, TextWriter error, CancellationToken cancellationToken)
    {
        SkillRunResult<JsonElement>? result = null;
        var atLineStart = true;
        try
        {
            await foreach (var update in runner.RunStreamingAsync(skill.Contract, input, runOptions, cancellationToken).ConfigureAwait(false))
            {
                switch (update.Kind)
                {
                    case SkillRunUpdateKind.TextDelta when update.Text is { Length: > 0 } text:
                        await error.WriteAsync(text).ConfigureAwait(false);
                        await error.FlushAsync(cancellationToken).ConfigureAwait(false);
                        atLineStart = text.EndsWith('\n');
                        break;
                    case SkillRunUpdateKind.Repair when update.Repair is { } repair:
                        if (!atLineStart)
                        {
                            await error.WriteLineAsync().ConfigureAwait(false);
                        }

                        await WriteRepairAsync(error, repair, "sending it back to be fixed:").ConfigureAwait(false);
                        atLineStart = true;
                        break;
                    case SkillRunUpdateKind.Completed:
                        result = update.Result;
                        break;
                }
            }
        }
        finally
        {
            // Also when the run fails: the error's own lines must not run on from the model's text.
            if (!atLineStart)
            {
                await error.WriteLineAsync().ConfigureAwait(false);
            }
        }

        // The runner ends every successful stream with a Completed update; a failure is thrown instead.
        return result ?? throw new InvalidOperationException("The run's stream ended without a result.");
    }

    private sealed record Request(
        string Skill, string? Inputs, string[] Input, string? Task, string? Model, bool Stream, string? Format, bool NoSandbox, string? Timeout, string? Replay, string? Record, string[] AgentDocs, bool Verbose);
#endif
}
