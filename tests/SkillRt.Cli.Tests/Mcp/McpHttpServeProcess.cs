using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Cli.Tests.Mcp;

/// <summary>
/// A running <c>skillrt mcp serve --http</c>: started with the given arguments, ready once it has printed its
/// endpoint and key lines; stopped with SIGTERM (or killed) on dispose.
/// </summary>
internal sealed class McpHttpServeProcess : IAsyncDisposable
{
    private const string Banner = "SkillRt MCP endpoint (Streamable HTTP): ";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stderr;

    private McpHttpServeProcess(Process process, ConcurrentQueue<string> stderr, Uri endpoint, string keyLine)
    {
        _process = process;
        _stderr = stderr;
        Endpoint = endpoint;
        KeyLine = keyLine;
    }

    /// <summary>The endpoint it printed.</summary>
    public Uri Endpoint { get; }

    /// <summary>The line that says where the key is.</summary>
    public string KeyLine { get; }

    /// <summary>What it wrote to standard error so far.</summary>
    public string Errors => string.Join('\n', _stderr);

    public IReadOnlyCollection<string> ErrorLines => _stderr;

    public static async Task<McpHttpServeProcess> StartAsync(SkillCli cli, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var process = Process.Start(cli.CreateStartInfo(["mcp", "serve", "--http", .. arguments]))!;
        process.StandardInput.Close();
        var endpoint = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var keyLine = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stderr = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith(Banner, StringComparison.Ordinal))
            {
                endpoint.TrySetResult(line[Banner.Length..]);
            }
            else if (e.Data is { } other && other.StartsWith("Key: ", StringComparison.Ordinal))
            {
                keyLine.TrySetResult(other);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                stderr.Enqueue(line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var started = await Task.WhenAny(endpoint.Task, process.WaitForExitAsync(cancellationToken)).WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            Assert.True(started == endpoint.Task, "no endpoint printed:\n" + string.Join('\n', stderr));
            return new McpHttpServeProcess(process, stderr, new Uri(await endpoint.Task), await keyLine.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Asks it to stop (SIGTERM) and waits for it to exit.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Assert.Equal(0, kill(_process.Id, 15));
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
