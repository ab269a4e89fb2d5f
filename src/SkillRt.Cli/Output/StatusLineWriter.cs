using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Cli.Output;

/// <summary>
/// A console writer (stdout or stderr) that wipes the <see cref="TerminalStatusLine"/> before each
/// write and writes whole under its lock, so a progress tick never lands inside a message. The bytes
/// written are the inner writer's, unchanged. Writes are synchronous, as the console's own writer's
/// are: its async methods complete at once, and order is kept.
/// </summary>
internal sealed class StatusLineWriter : TextWriter
{
    private readonly TerminalStatusLine _line;
    private readonly TextWriter _inner;

    public StatusLineWriter(TerminalStatusLine line, TextWriter inner)
        : base(inner.FormatProvider)
    {
        _line = line;
        _inner = inner;
        CoreNewLine = inner.NewLine.ToCharArray();
    }

    /// <summary>The status line this writer keeps clear of; <see cref="TerminalProgress"/> draws on it.</summary>
    public TerminalStatusLine StatusLine => _line;

    public override Encoding Encoding => _inner.Encoding;

    public override void Write(char value)
    {
        Span<char> one = [value];
        Write(one);
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        lock (_line.Gate)
        {
            _line.ClearLocked();
            _inner.Write(buffer);
            _line.NoteWrittenLocked(buffer);
        }
    }

    public override void WriteLine() => Write(CoreNewLine);

    public override void WriteLine(string? value) => Write(string.Concat(value, NewLine));

    public override void WriteLine(ReadOnlySpan<char> buffer) => Write(string.Concat(buffer, NewLine));

    public override void Flush() => _inner.Flush();

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync()
    {
        WriteLine();
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(char value)
    {
        WriteLine(value.ToString());
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(char[] buffer, int index, int count)
    {
        WriteLine(buffer.AsSpan(index, count));
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        WriteLine(buffer.Span);
        return Task.CompletedTask;
    }

    public override Task FlushAsync()
    {
        Flush();
        return Task.CompletedTask;
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }
}
