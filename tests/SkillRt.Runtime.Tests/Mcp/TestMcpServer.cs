using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using SkillRt.Mcp;

namespace SkillRt.Runtime.Tests.Mcp;

/// <summary>
/// The test MCP server (tests/SkillRt.TestMcpServer), copied beside the tests by the project file and
/// started as a real child process with the dotnet host that runs the tests.
/// </summary>
internal static class TestMcpServer
{
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

    /// <summary>A new file name in the temporary folder for <see cref="StartedFileVariable"/>.</summary>
    public static string NewStartedFile() => Path.Combine(Path.GetTempPath(), "skillrt-mcp-started-" + Guid.NewGuid().ToString("N") + ".txt");

    /// <summary>The ids of the server processes started with this file, in order.</summary>
    public static int[] Started(string startedFile) =>
        File.Exists(startedFile)
            ? [.. File.ReadAllLines(startedFile).Where(line => line.Length > 0).Select(line => int.Parse(line, CultureInfo.InvariantCulture))]
            : [];

    /// <summary>Whether the process has exited, waiting a little for it: a kill is not instantaneous.</summary>
    public static bool HasExited(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.WaitForExit(TimeSpan.FromSeconds(3));
        }
        catch (ArgumentException)
        {
            // No process has that id any more.
            return true;
        }
    }
}
