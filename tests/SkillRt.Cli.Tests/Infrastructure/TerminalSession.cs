using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// <c>skillrt</c> run under a real pseudo-terminal: util-linux's <c>script -qec "…" /dev/null</c> gives
/// it a pty for stdin, stdout and stderr (TERM=xterm), and everything the terminal received (both
/// streams, in order, with carriage returns and the pty's \r\n) is read from script's stdout. A test
/// waits for text to appear (<see cref="WaitForAsync"/>) rather than for time to pass.
/// </summary>
internal sealed partial class TerminalSession : IDisposable
{
    private const string Script = "/usr/bin/script";

    // A hang guard only: the text waited for appears well within a second.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly StringBuilder _received = new();
    private readonly char[] _buffer = new char[4096];

    private TerminalSession(Process process) => _process = process;

    /// <summary>Whether pty tests can run here: Linux with util-linux's <c>script</c>.</summary>
    public static bool IsAvailable => OperatingSystem.IsLinux() && File.Exists(Script);

    /// <summary>Everything the terminal has received so far, raw.</summary>
    public string Received => _received.ToString();

    /// <summary>Starts <c>skillrt {args}</c> with <paramref name="cli"/>'s store, folder and environment, under a pty.</summary>
    public static TerminalSession Start(SkillCli cli, params string[] args) => StartWithStdoutTo(cli, stdoutFile: null, args);

    /// <summary>As <see cref="Start"/>, with stdout sent to <paramref name="stdoutFile"/> when given (stderr stays on the pty).</summary>
    public static TerminalSession StartWithStdoutTo(SkillCli cli, string? stdoutFile, params string[] args)
    {
        var start = cli.CreateStartInfo(args);
        var command = string.Join(' ', new[] { start.FileName }.Concat(start.ArgumentList).Select(Quote));
        if (stdoutFile is not null)
        {
            command += " > " + Quote(stdoutFile);
        }

        start.FileName = Script;
        start.ArgumentList.Clear();
        foreach (var arg in new[] { "-qec", command, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TERM"] = cli.Environment.TryGetValue("TERM", out var term) && term is not null ? term : "xterm";
        start.Environment["SHELL"] = "/bin/sh";
        var process = Process.Start(start) ?? throw new InvalidOperationException("script did not start");
        process.StandardInput.Close();
        return new TerminalSession(process);
    }

    /// <summary>Runs <c>skillrt {args}</c> under a pty to the end: its exit code and everything the terminal received.</summary>
    public static async Task<(int ExitCode, string Received)> RunAsync(SkillCli cli, params string[] args)
    {
        using var session = Start(cli, args);
        return await session.CompleteAsync();
    }

    /// <summary>
    /// What a terminal would show once <paramref name="received"/> has been written to it: escape
    /// sequences dropped, a carriage return moving back to the start of the line, text overwriting
    /// what is there, and trailing blanks trimmed from each line.
    /// </summary>
    public static string Screen(string received)
    {
        var lines = new List<StringBuilder> { new() };
        var column = 0;
        foreach (var c in EscapeSequence().Replace(received, string.Empty))
        {
            switch (c)
            {
                case '\r':
                    column = 0;
                    break;
                case '\n':
                    lines.Add(new StringBuilder());
                    column = 0;
                    break;
                default:
                    var line = lines[^1];
                    if (column < line.Length)
                    {
                        line[column] = c;
                    }
                    else
                    {
                        line.Append(c);
                    }

                    column++;
                    break;
            }
        }

        return string.Join('\n', lines.Select(line => line.ToString().TrimEnd(' ')));
    }

    /// <summary>Reads what the terminal receives until <paramref name="text"/> is among it; fails if the process ends first.</summary>
    public async Task WaitForAsync(string text)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(HangGuard);
        while (!Received.Contains(text, StringComparison.Ordinal))
        {
            var read = await _process.StandardOutput.ReadAsync(_buffer, guard.Token);
            if (read == 0)
            {
                throw new InvalidOperationException($"the terminal closed before '{text}' appeared; it received:\n{Received}");
            }

            _received.Append(_buffer, 0, read);
        }
    }

    /// <summary>Reads to the end and waits for the process: its exit code and everything the terminal received.</summary>
    public async Task<(int ExitCode, string Received)> CompleteAsync()
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(HangGuard);
        _received.Append(await _process.StandardOutput.ReadToEndAsync(guard.Token));
        await _process.WaitForExitAsync(guard.Token);
        return (_process.ExitCode, Received);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"\x1b(\[[0-9;?]*[A-Za-z]|[=>])")]
    private static partial Regex EscapeSequence();
}
