using System;
using System.IO;

namespace SkillRt.EndToEnd.Tests;

/// <summary>Sets up temporary projects that see only the test feed (run them with <see cref="SkillRt.Tests.DotnetCli"/>).</summary>
internal static class TempProject
{
    /// <summary>
    /// Keeps a temporary project away from this repository's Directory.*.props, and points NuGet at
    /// the test feed first and nuget.org for everything else.
    /// </summary>
    public static void WriteIsolation(string directory, string feed)
    {
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="test-feed" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
    }

    public static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
