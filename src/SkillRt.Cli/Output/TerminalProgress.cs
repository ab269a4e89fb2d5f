using System;
using System.Globalization;
using System.IO;
using System.Threading;

namespace SkillRt.Cli.Output;

/// <summary>
/// Transient status for long work (a feed install, a large validation, a model run) on the terminal's
/// status line: "resolving pr-review@^1.2 on 'nuget.org'…", "validating 120 of 800 files", "waiting for
/// the model... 12s". It is drawn on stderr only when stderr is a terminal (the command's error writer
/// is a <see cref="StatusLineWriter"/>, see <see cref="TerminalStatusLine.ForConsole"/>), never on
/// stdout, and wiped when disposed; otherwise every method does nothing, so a redirected or scripted
/// run prints exactly what it would without it.
/// </summary>
internal sealed class TerminalProgress : IProgress<string>, IDisposable
{
    /// <summary>How often the line is redrawn: the spinner turns and reports made in between are shown.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private static readonly string[] SpinnerFrames = ["|", "/", "-", "\\"];

    private readonly TerminalStatusLine? _line;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly TimeSpan _showAfter;
    private readonly bool _showElapsed;
    private readonly ITimer? _timer;
    private string _status = string.Empty;
    private long _lastDraw;
    private bool _drawn;
    private int _frame;
    private bool _stopped;

    private TerminalProgress(TerminalStatusLine? line, TimeSpan showAfter, bool showElapsed, TimeProvider time)
    {
        _line = line;
        _time = time;
        _started = time.GetTimestamp();
        _showAfter = showAfter;
        _showElapsed = showElapsed;
        if (line is not null)
        {
            _timer = time.CreateTimer(_ => Redraw(), null, Tick, Tick);
        }
    }

    /// <summary>A progress that draws nothing: for work that is not shown (<c>--quiet</c>, a redirected stderr).</summary>
    public static TerminalProgress None { get; } = new(null, TimeSpan.Zero, showElapsed: false, TimeProvider.System);

    /// <summary>Whether anything is drawn: stderr is a terminal and the caller did not turn it off.</summary>
    public bool IsShown => _line is not null;

    /// <summary>
    /// Starts status for one piece of work. Nothing is drawn before <paramref name="showAfter"/> has
    /// passed, so quick work does not flicker a line it wipes at once.
    /// </summary>
    /// <param name="error">The command's stderr writer; status is shown only when it is the terminal's.</param>
    /// <param name="showAfter">How long the work runs before its status appears.</param>
    /// <param name="showElapsed">Add a spinner and the seconds since the start, for work that reports nothing while it waits (a model's answer).</param>
    /// <param name="enabled"><see langword="false"/> for <c>--quiet</c>: nothing is shown.</param>
    /// <param name="time">The clock; the system's outside tests.</param>
    public static TerminalProgress Start(TextWriter error, TimeSpan showAfter = default, bool showElapsed = false, bool enabled = true, TimeProvider? time = null) =>
        enabled && error is StatusLineWriter writer
            ? new TerminalProgress(writer.StatusLine, showAfter, showElapsed, time ?? TimeProvider.System)
            : None;

    /// <summary>
    /// Sets the status. Drawn at once when the line is due (shown, and not drawn in the last tick), so
    /// a thousand reports a second cost a few lines of terminal output; the next tick shows the latest.
    /// </summary>
    public void Report(string value)
    {
        if (_line is null)
        {
            return;
        }

        lock (_line.Gate)
        {
            _status = value;
            if (!_drawn || _time.GetElapsedTime(_lastDraw) >= Tick)
            {
                DrawLocked();
            }
        }
    }

    /// <summary>Stops the status and wipes the line; what the command prints next starts on a clean line.</summary>
    public void Dispose()
    {
        if (_line is null)
        {
            return;
        }

        _timer!.Dispose();
        lock (_line.Gate)
        {
            if (!_stopped)
            {
                _stopped = true;
                _line.ClearLocked();
            }
        }
    }

    private void Redraw()
    {
        lock (_line!.Gate)
        {
            _frame++;
            DrawLocked();
        }
    }

    private void DrawLocked()
    {
        var elapsed = _time.GetElapsedTime(_started);
        if (_stopped || _status.Length == 0 || elapsed < _showAfter)
        {
            return;
        }

        var text = _showElapsed
            ? string.Create(CultureInfo.InvariantCulture, $"{SpinnerFrames[_frame % SpinnerFrames.Length]} {_status}... {(int)elapsed.TotalSeconds}s")
            : _status;
        if (_line!.DrawLocked(text))
        {
            _drawn = true;
            _lastDraw = _time.GetTimestamp();
        }
    }
}
