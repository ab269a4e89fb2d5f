using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using SkillRt.Mcp;

namespace SkillRt.Runtime.Tests.Mcp;

/// <summary>
/// The test MCP server (tests/SkillRt.TestMcpServer), copied beside the tests by the project file and
/// started as a real child process with the dotnet host that runs the tests.
/// </summary>
internal static class TestMcpServer
{
    /// <summary>How long a test waits for a server process to start or to end before it fails.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(1);

    /// <summary>Set on the server process, it names a file the server appends its process id to when it starts.</summary>
    public const string StartedFileVariable = "SKILLRT_TEST_MCP_STARTED";

    public static string AssemblyPath { get; } = Path.Combine(AppContext.BaseDirectory, "TestMcpServer", "SkillRt.TestMcpServer.dll");

    // dotnet test and MSBuild name the host they run on; a bare "dotnet" is looked up on PATH.
    public static string Dotnet { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>The server as a stdio configuration; <paramref name="arguments"/> (such as <c>--hang</c>) change how it behaves.</summary>
    public static McpServerConfiguration Configuration(string name = "test", string? startedFile = null, params string[] arguments)
    {
        var server = McpServerConfiguration.Stdio(name, Dotnet, [AssemblyPath, .. arguments]);
        if (startedFile is not null)
        {
            server.Environment[StartedFileVariable] = startedFile;
        }

        return server;
    }

    /// <summary>
    /// A pool for tests: the same as the runner's, but a server may take 3 minutes to start, since the
    /// dotnet host can take many seconds to load it on a machine running every test project at once.
    /// </summary>
    public static McpClientPool Pool(McpServerCollection servers) => new(servers, loggerFactory: null) { ConnectTimeout = TimeSpan.FromMinutes(3) };

    /// <summary>A new file name in the temporary folder for <see cref="StartedFileVariable"/>.</summary>
    public static string NewStartedFile() => Path.Combine(Path.GetTempPath(), "skillrt-mcp-started-" + Guid.NewGuid().ToString("N") + ".txt");

    /// <summary>The ids of the server processes started with this file, in order.</summary>
    public static int[] Started(string startedFile)
    {
        if (!File.Exists(startedFile))
        {
            return [];
        }

        // Shared for writing: a server may be appending while a test waits for it, and a line not yet ended is not counted.
        using var reader = new StreamReader(new FileStream(startedFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var text = reader.ReadToEnd();
        return [.. text[..(text.LastIndexOf('\n') + 1)].Split('\n').Where(line => line.Trim().Length > 0).Select(line => int.Parse(line, CultureInfo.InvariantCulture))];
    }

    /// <summary>
    /// Waits until <paramref name="count"/> server processes have started with this file. A process
    /// announces itself only once the dotnet host has loaded it, which takes seconds on a busy machine.
    /// </summary>
    public static async Task WaitForStartsAsync(string startedFile, int count)
    {
        // Polling with a generous limit: the file is the only sign a child process gives of having started.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(StartLimit);
        while (Started(startedFile).Length < count)
        {
            if (limit.IsCancellationRequested)
            {
                throw new TimeoutException($"Fewer than {count} test MCP server processes announced themselves in {startedFile} within {StartLimit.TotalSeconds} s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }
    }

    /// <summary>
    /// Whether the process has exited, waiting for it: a kill is not instantaneous. The wait ends as soon
    /// as the process does, so the limit is generous for a busy machine.
    /// </summary>
    public static bool HasExited(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.WaitForExit(StartLimit);
        }
        catch (ArgumentException)
        {
            // No process has that id any more.
            return true;
        }
    }
}
