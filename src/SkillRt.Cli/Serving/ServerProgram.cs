using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using SkillRt.Sandboxing;

namespace SkillRt.Cli.Serving;

/// <summary>
/// Finds the server program (<c>SkillRt.Server.dll</c>, framework-dependent) that <c>skillrt serve</c>
/// runs with <c>dotnet</c>, so the native <c>skillrt</c> never links ASP.NET Core. In order:
/// <c>SKILLRT_SERVER_PROGRAM</c>; the <c>server/</c> folder that <c>dotnet pack</c> puts beside the tool;
/// in a repository checkout, <c>src/SkillRt.Server/bin/{Configuration}/net10.0/</c> of the
/// configuration this <c>skillrt</c> was built in.
/// </summary>
internal static class ServerProgram
{
    /// <summary>The variable that names the program (the .dll, or its folder); tests and custom builds set it.</summary>
    public const string Variable = "SKILLRT_SERVER_PROGRAM";

    /// <summary>The server's assembly, the file <c>dotnet</c> runs.</summary>
    public const string FileName = "SkillRt.Server.dll";

    /// <summary>The folder beside the tool that <c>dotnet pack src/SkillRt.Cli</c> fills with the server's publish output.</summary>
    public const string ToolFolder = "server";

    /// <summary>The server program's path, or a <see cref="CliException"/> listing where it was looked for.</summary>
    public static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var path = Directory.Exists(configured) ? Path.Combine(configured, FileName) : configured;
            return File.Exists(path)
                ? Path.GetFullPath(path)
                : throw new CliException(ExitCodes.NotConfigured, $"{Variable} is '{configured}', and there is no {FileName} there; point it at the server's build output (dotnet build src/SkillRt.Server), or unset it.");
        }

        var looked = new List<string>();
        foreach (var candidate in Candidates())
        {
            looked.Add(candidate);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new CliException(
            ExitCodes.NotConfigured,
            $"cannot find the SkillRt server program (looked for {string.Join(", ", looked)}); reinstall the tool (dotnet tool uninstall -g SkillRt.Cli, then dotnet tool install -g SkillRt.Cli), build it in a checkout (dotnet build src/SkillRt.Server), or set {Variable} to its {FileName}.");
    }

    /// <summary>
    /// The <c>dotnet</c> that runs the server: <c>DOTNET_HOST_PATH</c> (set by the SDK), then
    /// <c>DOTNET_ROOT</c>, then the one on PATH; a dotnet tool is always installed by one of them.
    /// </summary>
    public static string LocateDotnet()
    {
        var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, executable)))
        {
            return Path.Combine(root, executable);
        }

        return ProgramLocator.FindOnPath("dotnet")
            ?? throw new CliException(ExitCodes.NotConfigured, "skillrt serve runs the server with .NET 10, and there is no 'dotnet' on PATH (nor in DOTNET_ROOT); install the .NET 10 runtime (ASP.NET Core) and try again.");
    }

    private static IEnumerable<string> Candidates()
    {
        var baseDirectory = AppContext.BaseDirectory;
        yield return Path.Combine(baseDirectory, ToolFolder, FileName);

        // The native front's host runs from host/, one level below the tool's folder.
        if (Directory.GetParent(Path.TrimEndingDirectorySeparator(baseDirectory)) is { } parent)
        {
            yield return Path.Combine(parent.FullName, ToolFolder, FileName);
        }

        // A repository checkout: skillrt runs from src/SkillRt.Cli/bin/{Configuration}/net10.0/.
        var configuration = typeof(ServerProgram).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration;
        for (var directory = new DirectoryInfo(baseDirectory); directory is not null && configuration is not null; directory = directory.Parent)
        {
            var project = Path.Combine(directory.FullName, "src", "SkillRt.Server");
            if (File.Exists(Path.Combine(project, "SkillRt.Server.csproj")))
            {
                yield return Path.Combine(project, "bin", configuration, "net10.0", FileName);
                yield break;
            }
        }
    }
}
