using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Microsoft.Extensions.Logging;
using SkillRt.Cli.Output;

namespace SkillRt.Cli.Running;

/// <summary>
/// What <c>skillrt run</c> shows on a terminal's status line while the skill runs: a spinner, what the
/// run waits for, and the seconds since it started ("| waiting for the model... 12s", "| attempt 2
/// (repair 1): waiting for the model... 30s"). It follows the runner through its log
/// (<see cref="StandardErrorLogger"/> passes each event on) and wipes the line as soon as the runner
/// says the run is over, before the output is printed. Nothing at all when stderr is not a terminal.
/// </summary>
internal sealed class RunProgress : IDisposable
{
    // SkillRunnerLog and SandboxLog event IDs (src/SkillRt.Runtime): they are the runner's public log.
    private const int Completed = 2;
    private const int Repairing = 3;
    private const int Failed = 4;
    private const int Error = 5;
    private const int Cancelled = 6;
    private const int TimedOut = 9;
    private const int ProcessStarting = 200;

    private readonly TerminalProgress _progress;

    private RunProgress(TerminalProgress progress) => _progress = progress;

    /// <summary>Whether the status is drawn; when not, the logger need not pass on anything below a warning.</summary>
    public bool IsShown => _progress.IsShown;

    /// <summary>Starts the status of a run of <paramref name="skill"/>; disposed, it wipes the line.</summary>
    /// <param name="error">The command's stderr writer; see <see cref="TerminalProgress.Start"/>.</param>
    /// <param name="skill">The skill about to run: a model skill waits for the model, a process or MCP tool skill for itself.</param>
    public static RunProgress Start(TextWriter error, SkillDefinition skill)
    {
        var progress = new RunProgress(TerminalProgress.Start(error, showElapsed: true));
        progress._progress.Report(skill.Manifest.Runtime.Type is SkillRuntimeType.MarkdownSkill or SkillRuntimeType.AnthropicSkill
            ? "waiting for the model"
            : $"running {skill.Name}");
        return progress;
    }

    /// <summary>One runner log event: a repair starts a new attempt, a process names itself, the end of the run wipes the line.</summary>
    public void Observe(EventId eventId, IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        switch (eventId.Id)
        {
            case Repairing when Find(values, "Attempt") is int attempt:
                _progress.Report(string.Create(CultureInfo.InvariantCulture, $"attempt {attempt + 1} (repair {attempt}): waiting for the model"));
                break;
            case ProcessStarting when Find(values, "Program") is string program:
                _progress.Report($"running {program}");
                break;
            case Completed or Failed or Error or Cancelled or TimedOut:
                _progress.Dispose();
                break;
        }
    }

    public void Dispose() => _progress.Dispose();

    private static object? Find(IReadOnlyList<KeyValuePair<string, object?>> values, string name)
    {
        foreach (var (key, value) in values)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }
}
