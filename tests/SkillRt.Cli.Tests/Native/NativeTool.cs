using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Cli.Tests.Native;

/// <summary>
/// The tool as users get it on linux-x64: <c>dotnet pack</c> of the pointer package and the Native AOT
/// linux-x64 package into a folder feed, then <c>dotnet tool install</c> from it. Built once per test
/// class, in a configuration of its own (<c>Native</c>) so it never touches the Debug or Release
/// output other tests are using. Needs clang (the Native AOT linker); elsewhere the tests skip, saying why.
/// </summary>
public sealed class NativeTool : IAsyncLifetime
{
    private const string Version = "0.0.0-native-test";

    private readonly string _root = Directory.CreateTempSubdirectory("skillrt-native-tool-").FullName;

    /// <summary>The installed <c>skillrt</c>: a symbolic link to the native executable in the tool store.</summary>
    public string Executable => Path.Combine(_root, "tools", "skillrt");

    /// <summary>Why the native tool could not be built here, or <see langword="null"/> when it was.</summary>
    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            Unavailable = "the native tool is built for linux-x64 only; other platforms install the framework-dependent package";
            return;
        }

        if (!OnPath("clang"))
        {
            Unavailable = "clang is not installed (Native AOT links with it): apt-get install clang zlib1g-dev";
            return;
        }

        var project = Path.Combine(TestPaths.RepositoryRoot, "src", "SkillRt.Cli", "SkillRt.Cli.csproj");
        var feed = Path.Combine(_root, "feed");
        string[] common = ["-c", "Native", "-p:SkillRtNativeTool=true", "-p:Optimize=true", "-o", feed, "-p:PackageVersion=" + Version, "-nodeReuse:false", "-p:UseSharedCompilation=false"];
        await DotnetAsync(["pack", project, .. common]);
        await DotnetAsync(["pack", project, "-r", "linux-x64", .. common]);

        File.WriteAllText(Path.Combine(_root, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="tool" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        await DotnetAsync(["tool", "install", "SkillRt.Cli", "--tool-path", Path.Combine(_root, "tools"), "--version", Version, "--configfile", Path.Combine(_root, "NuGet.config")]);
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task DotnetAsync(string[] arguments)
    {
        var (exitCode, output) = await DotnetCli.RunAsync(_root, arguments);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} failed:\n{output}");
    }

    private static bool OnPath(string program)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(folder, program)))
            {
                return true;
            }
        }

        return false;
    }
}
