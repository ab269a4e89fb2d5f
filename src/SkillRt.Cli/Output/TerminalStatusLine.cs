using System;
using System.IO;
using System.Text;

namespace SkillRt.Cli.Output;

/// <summary>
/// The one transient line of status (<see cref="TerminalProgress"/>) at the bottom of a terminal: drawn
/// over itself with carriage returns, and wiped before anything else is written, so the output itself
/// never carries a trace of it. It exists only when stderr is a terminal that can take a carriage
/// return (<see cref="ForConsole"/>); otherwise the commands' writers are the console's own and a
/// redirected run writes exactly what it always did.
/// </summary>
/// <remarks>
/// No colour and no escape sequences are used, only <c>\r</c> and spaces, so NO_COLOR has nothing to
/// turn off and any terminal shows it. Every writer that reaches the terminal goes through
/// <see cref="Wrap"/>, which keeps the line and the output from running into each other.
/// </remarks>
internal sealed class TerminalStatusLine
{
    // A terminal too narrow to say so still gets a short line rather than none.
    private const int FallbackWidth = 80;

    private readonly TextWriter _terminal;
    private readonly Func<int> _width;
    private string _shown = string.Empty;
    private bool _atLineStart = true;

    /// <param name="terminal">The console's own stderr writer.</param>
    /// <param name="width">The terminal's width in columns, read on each draw so a resize is followed; 0 or less when unknown.</param>
    public TerminalStatusLine(TextWriter terminal, Func<int> width)
    {
        _terminal = terminal;
        _width = width;
    }

    /// <summary>Held while the line or the output is written; the writers and the progress share it.</summary>
    internal object Gate { get; } = new();

    /// <summary>
    /// The status line for this process's console, or <see langword="null"/> when stderr is redirected
    /// (a pipe, a file, a CI log) or <c>TERM=dumb</c> says the terminal cannot redraw a line.
    /// </summary>
    public static TerminalStatusLine? ForConsole()
    {
        if (Console.IsErrorRedirected || string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new TerminalStatusLine(Console.Error, ConsoleWidth);
    }

    /// <summary>A writer that wipes the status line before each write to <paramref name="writer"/>, which must reach the same terminal.</summary>
    public TextWriter Wrap(TextWriter writer) => new StatusLineWriter(this, writer);

    /// <summary>Shows <paramref name="text"/> in place of what the line shows now; not while the output has an unfinished line, which the status would run into.</summary>
    /// <returns>Whether it was drawn.</returns>
    internal bool DrawLocked(string text)
    {
        if (!_atLineStart)
        {
            return false;
        }

        var line = Fit(text);
        if (line == _shown)
        {
            return true;
        }

        var draw = new StringBuilder();
        if (line.Length < _shown.Length)
        {
            draw.Append('\r').Append(' ', _shown.Length);
        }

        draw.Append('\r').Append(line);
        _terminal.Write(draw.ToString());
        _terminal.Flush();
        _shown = line;
        return true;
    }

    /// <summary>Wipes the line, leaving the cursor where it was before the line was drawn.</summary>
    internal void ClearLocked()
    {
        if (_shown.Length == 0)
        {
            return;
        }

        _terminal.Write("\r" + new string(' ', _shown.Length) + "\r");
        _terminal.Flush();
        _shown = string.Empty;
    }

    /// <summary>Called after output was written: the line may be drawn again only once the output ends its line.</summary>
    internal void NoteWrittenLocked(ReadOnlySpan<char> text)
    {
        if (text.Length > 0)
        {
            _atLineStart = text[^1] == '\n';
        }
    }

    private static int ConsoleWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (Exception exception) when (exception is IOException or PlatformNotSupportedException or InvalidOperationException)
        {
            return 0;
        }
    }

    // One line, never wrapped: a wrapped line cannot be wiped with a carriage return.
    private string Fit(string text)
    {
        var width = _width();
        var columns = (width > 1 ? width : FallbackWidth) - 1;
        var line = new StringBuilder(Math.Min(text.Length, columns));
        foreach (var c in text)
        {
            if (line.Length == columns)
            {
                break;
            }

            line.Append(char.IsControl(c) ? ' ' : c);
        }

        return line.ToString();
    }
}
