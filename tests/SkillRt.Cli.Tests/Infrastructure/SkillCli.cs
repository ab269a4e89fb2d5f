using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// Runs the real, built <c>skill</c> executable as a child process, with a private store
/// (<c>SKILLRT_HOME</c>) and working folder per instance, and none of the caller's model settings.
/// </summary>
internal sealed class SkillCli : IDisposable
{
    // The CLI's own output folder, same configuration and framework as this test (…/bin/Debug/net10.0/):
    // the executable runs with exactly the files its build produced, not a copy mixed into ours.
    private static readonly string Executable = Path.Combine(
        SkillRt.Tests.TestPaths.RepositoryRoot,
        "src",
        "SkillRt.Cli",
        "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name,
        new DirectoryInfo(AppContext.BaseDirectory).Name,
        OperatingSystem.IsWindows() ? "skillrt.exe" : "skillrt");

    // The runtime this test runs on: the apphost of `skillrt` finds the same one through DOTNET_ROOT.
    private static readonly string DotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    private readonly string _root;
    private readonly string _executable;

    /// <param name="executable">The <c>skill</c> to run; by default the framework-dependent build of this configuration.</param>
    public SkillCli(string? executable = null)
    {
        _executable = executable ?? Executable;
        _root = Directory.CreateTempSubdirectory("skillrt-cli-").FullName;
        Home = Path.Combine(_root, "home");
        WorkingDirectory = Path.Combine(_root, "work");
        Directory.CreateDirectory(WorkingDirectory);
        Environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["SKILLRT_HOME"] = Home,
            // Registry sources and keys (skillrt login) are the test's own too, never the user's.
            ["SKILLRT_CONFIG_HOME"] = Path.Combine(_root, "config"),
            ["SKILLRT_SERVER_PROGRAM"] = null,
            ["DOTNET_ROOT"] = DotnetRoot,
            ["OPENAI_BASE_URL"] = null,
            ["OPENAI_API_KEY"] = null,
            ["SKILLRT_MODEL"] = null,
            ["SKILLRT_TIMEOUT"] = null,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
    }

    /// <summary>The store root the process sees as <c>SKILLRT_HOME</c>.</summary>
    public string Home { get; }

    /// <summary>skillrt's configuration folder (sources.json, credentials.json) the process sees as <c>SKILLRT_CONFIG_HOME</c>.</summary>
    public string ConfigHome => Environment["SKILLRT_CONFIG_HOME"]!;

    /// <summary>The process's working folder (where a test puts a NuGet.config, inputs files…).</summary>
    public string WorkingDirectory { get; }

    /// <summary>Variables set (or, with a null value, removed) for every run.</summary>
    public Dictionary<string, string?> Environment { get; }

    /// <summary>The folder of an installed version.</summary>
    public string StoreEntry(string name, string version) => Path.Combine(Home, "skills", name, version);

    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync(null, args);

    public async Task<CliResult> RunWithInputAsync(string? standardInput, params string[] args)
    {
        var start = CreateStartInfo(args);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("skillrt did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliResult(process.ExitCode, Normalize(await output), Normalize(await error));
    }

    /// <summary>
    /// How to start <c>skill</c> with <paramref name="args"/> as <see cref="RunAsync"/> does (store, working
    /// folder, environment, redirected streams); <paramref name="wrapper"/>, when given, is run instead,
    /// with the executable and the arguments after its own (<c>sh -c 'ulimit -f 64; exec "$0" "$@"'</c>).
    /// </summary>
    public ProcessStartInfo CreateStartInfo(string[] args, params string[] wrapper)
    {
        var start = new ProcessStartInfo(wrapper.Length > 0 ? wrapper[0] : _executable)
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (wrapper.Length > 0)
        {
            foreach (var arg in wrapper[1..])
            {
                start.ArgumentList.Add(arg);
            }

            start.ArgumentList.Add(_executable);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }

    /// <summary>Runs <c>skill</c> through <paramref name="wrapper"/> (see <see cref="CreateStartInfo"/>), with stdin closed.</summary>
    public async Task<CliResult> RunWrappedAsync(string[] wrapper, params string[] args)
    {
        using var process = Process.Start(CreateStartInfo(args, wrapper)) ?? throw new InvalidOperationException("skillrt did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliResult(process.ExitCode, Normalize(await output), Normalize(await error));
    }

    /// <summary>Writes a file under the working folder and returns its full path.</summary>
    public string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(WorkingDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A process still holding a file on Windows; the temp folder is cleaned by the OS later.
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
