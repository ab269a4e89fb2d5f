using System;
using System.Diagnostics;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// A <c>skill</c> process stopped at one of the store's test pause points (SKILLRT_INTERNAL_TEST_PAUSE,
/// src/SkillRt.Cli/Store/StoreTestHook.cs): started, then awaited until it says on stderr that it
/// has reached the point, so a test kills it, or lets it go on, at exactly that moment. No timing.
/// </summary>
internal sealed class PausedSkill : IDisposable
{
    // A hang guard only: reaching a pause point takes well under a second.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly StringBuilder _error;

    private PausedSkill(Process process, Task<string> output, StringBuilder error)
    {
        _process = process;
        _output = output;
        _error = error;
    }

    /// <summary>The process's ID.</summary>
    public int Id => _process.Id;

    /// <summary>Starts <c>skill {args}</c> in <paramref name="cli"/>'s store and returns once it is paused at <paramref name="point"/>.</summary>
    public static async Task<PausedSkill> StartAsync(SkillCli cli, string point, params string[] args)
    {
        var start = cli.CreateStartInfo(args);
        start.Environment["SKILLRT_INTERNAL_TEST_PAUSE"] = point;
        var process = Process.Start(start) ?? throw new InvalidOperationException("skillrt did not start");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = new StringBuilder();
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(HangGuard);
        try
        {
            while (await process.StandardError.ReadLineAsync(guard.Token) is { } line)
            {
                error.Append(line).Append('\n');
                if (line.StartsWith($"skillrt: test pause: {point} ", StringComparison.Ordinal))
                {
                    return new PausedSkill(process, output, error);
                }
            }

            await process.WaitForExitAsync(guard.Token);
            throw new InvalidOperationException($"skillrt {string.Join(' ', args)} ended (exit {process.ExitCode}) without reaching the pause point '{point}'.\n--- stdout ---\n{await output}\n--- stderr ---\n{error}");
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Kills the process (SIGKILL on Unix: no handler, no cleanup runs) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Lets the process go on from its pause point and returns what it did.</summary>
    public async Task<CliResult> ResumeAsync()
    {
        await _process.StandardInput.WriteLineAsync();
        _process.StandardInput.Close();
        var rest = await _process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliResult(_process.ExitCode, (await _output).Replace("\r\n", "\n", StringComparison.Ordinal), _error.Append(rest).ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
