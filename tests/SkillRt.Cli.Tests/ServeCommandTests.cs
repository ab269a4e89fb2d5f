using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// <c>skillrt serve</c> runs the real server program (found in this checkout's build output, as a
/// repository clone finds it): its own lines reach stdout, it answers readiness, and a SIGTERM to
/// <c>skillrt</c> stops the server gracefully with its exit code passed through.
/// </summary>
public sealed class ServeCommandTests : IDisposable
{
    private const string ListeningBanner = "SkillRt server listening on ";
    private const string KeyBanner = "First administrator key (shown once, store it now): ";

    private readonly SkillCli _cli = new();

    public void Dispose() => _cli.Dispose();

    private static TimeSpan StartTimeout => TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Serve_prints_the_url_and_first_key_answers_readiness_and_stops_on_SIGTERM()
    {
        var dataDirectory = Path.Combine(_cli.WorkingDirectory, "server-data");
        using var process = Process.Start(_cli.CreateStartInfo(["serve", "--port", "0", "--data-dir", dataDirectory]))!;
        process.StandardInput.Close();
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var key = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (line.StartsWith(ListeningBanner, StringComparison.Ordinal))
            {
                listening.TrySetResult(line[ListeningBanner.Length..].Trim());
            }
            else if (line.StartsWith(KeyBanner, StringComparison.Ordinal))
            {
                key.TrySetResult(line[KeyBanner.Length..].Trim());
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var started = await Task.WhenAny(listening.Task, process.WaitForExitAsync(TestContext.Current.CancellationToken)).WaitAsync(StartTimeout, TestContext.Current.CancellationToken);
            Assert.True(started == listening.Task, "skillrt serve did not print its URL:\n" + output);
            var url = new Uri(await listening.Task);
            Assert.Equal("127.0.0.1", url.Host);
            Assert.StartsWith("skr_", await key.Task.WaitAsync(StartTimeout, TestContext.Current.CancellationToken));
            Assert.True(File.Exists(Path.Combine(dataDirectory, "skillrt.db")) || Directory.GetFiles(dataDirectory).Length > 0, "the server kept nothing in --data-dir");

            using var http = new HttpClient { BaseAddress = url };
            var ready = await http.GetAsync("health/ready", TestContext.Current.CancellationToken);
            Assert.True(ready.IsSuccessStatusCode, $"health/ready answered {ready.StatusCode}");

            Assert.Equal(0, kill(process.Id, 15));
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{output}");
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("health/live", TestContext.Current.CancellationToken));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task A_server_program_that_is_not_there_is_a_clear_error()
    {
        _cli.Environment["SKILLRT_SERVER_PROGRAM"] = Path.Combine(_cli.WorkingDirectory, "missing", "SkillRt.Server.dll");

        var result = await _cli.RunAsync("serve");

        Assert.Equal(5, result.ExitCode);
        Assert.Equal($"skillrt: SKILLRT_SERVER_PROGRAM is '{_cli.Environment["SKILLRT_SERVER_PROGRAM"]}', and there is no SkillRt.Server.dll there; point it at the server's build output (dotnet build src/SkillRt.Server), or unset it.\n", result.Error);
    }

    [Fact]
    public async Task Port_and_urls_together_are_a_usage_error()
    {
        var result = await _cli.RunAsync("serve", "--port", "5481", "--urls", "http://127.0.0.1:5482");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("skillrt: --port and --urls both say where to listen; pass one of them.\n", result.Error);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
