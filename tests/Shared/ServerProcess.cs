using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Tests;

/// <summary>
/// The real SkillRt server program (src/SkillRt.Server, this configuration's build) as a child process
/// on 127.0.0.1 and a port the system picks, with its own data directory. It prints its URL and, on
/// an empty database, the first administrator's key; both are read from its output. Stop it
/// gracefully (SIGTERM), kill it (SIGKILL) or start another process on the same data.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const string ListeningBanner = "SkillRt server listening on ";
    private const string KeyBanner = "First administrator key (shown once, store it now): ";

    private static readonly string Program = Path.Combine(
        TestPaths.RepositoryRoot,
        "src",
        "SkillRt.Server",
        "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name,
        new DirectoryInfo(AppContext.BaseDirectory).Name,
        "SkillRt.Server.dll");

    private static readonly string Dotnet = Path.Combine(
        Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..")),
        OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _ownsDataDirectory;
    private readonly List<(string Text, TaskCompletionSource Seen)> _awaitedOutput = [];

    private ServerProcess(Process process, string dataDirectory, bool ownsDataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
    }

    /// <summary>The server's base URL, ending in '/'.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The first administrator's key, when this process created it (an empty database).</summary>
    public string? AdministratorKey { get; private set; }

    /// <summary>The server's data directory (its SQLite database and blobs, unless configured otherwise).</summary>
    public string DataDirectory { get; }

    /// <summary>Everything the process wrote so far, standard output and error interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The process's exit code once it has exited.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>
    /// Starts a server and waits until it listens (up to two minutes, for a loaded machine).
    /// </summary>
    /// <param name="dataDirectory">An existing data directory to reuse (a restart); by default a new temporary one, removed on dispose.</param>
    /// <param name="settings">Configuration, as <c>--key=value</c> switches (for example <c>SkillRt:Database:Provider</c>).</param>
    public static async Task<ServerProcess> StartAsync(string? dataDirectory = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var owns = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("skillrt-server-").FullName;
        var start = new ProcessStartInfo(Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Program);
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        start.ArgumentList.Add("--SkillRt:DataDirectory=" + dataDirectory);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        start.Environment.Remove("ASPNETCORE_URLS");

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(process, dataDirectory, owns);
        process.OutputDataReceived += (_, e) => server.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnLine(e.Data);
        process.Exited += (_, _) => server._exited.TrySetResult();
        if (!process.Start())
        {
            throw new InvalidOperationException("The server program did not start: " + Program);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var listening = server._listening.Task;
        var finished = await Task.WhenAny(listening, server._exited.Task, Task.Delay(TimeSpan.FromMinutes(2)));
        if (finished != listening)
        {
            await server.KillAsync();
            throw new InvalidOperationException("The server did not start listening:\n" + server.Output);
        }

        server.BaseUrl = new Uri(await listening);
        return server;
    }

    /// <summary>An HTTP client for the server, sending <paramref name="apiKey"/> as a bearer key when given.</summary>
    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>Asks the server to stop (SIGTERM) and waits for it to finish what it is doing and exit.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            _process.Kill(entireProcessTree: true);
        }
        else
        {
            _ = kill(_process.Id, 15);
        }

        await _exited.Task.WaitAsync(TimeSpan.FromMinutes(1));
    }

    /// <summary>
    /// Completes when the server has written a line containing <paramref name="text"/> (now or before),
    /// for what it does in the background, such as a sweep at start-up; fails after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            _awaitedOutput.Add((text, seen));
        }

        try
        {
            await seen.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The server did not write '{text}' within {timeout}:\n{Output}");
        }
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash or an out-of-memory kill would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _exited.Task.WaitAsync(TimeSpan.FromMinutes(1));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            foreach (var (text, seen) in _awaitedOutput)
            {
                if (line.Contains(text, StringComparison.Ordinal))
                {
                    seen.TrySetResult();
                }
            }
        }

        if (line.StartsWith(KeyBanner, StringComparison.Ordinal))
        {
            AdministratorKey = line[KeyBanner.Length..].Trim();
        }
        else if (line.StartsWith(ListeningBanner, StringComparison.Ordinal))
        {
            _listening.TrySetResult(line[ListeningBanner.Length..].Trim());
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
