using System;
using System.IO;

namespace SkillRt.Sandboxing;

/// <summary>
/// Finds the file a process start names, the way a shell would but without one: a bare name on the
/// host's <c>PATH</c>, a relative path against the skill's folder (where its <c>scripts/</c> are).
/// The dependency check and the sandbox both use it, so what is checked is what starts.
/// </summary>
internal static class ProgramLocator
{
    /// <summary>The full path of <paramref name="program"/>, or <see langword="null"/> when there is no such file.</summary>
    public static string? Find(string program, string? skillDirectory, string workingDirectory) =>
        Find(program, skillDirectory, workingDirectory, Environment.GetEnvironmentVariable("PATH") ?? string.Empty);

    /// <summary>
    /// The full path of <paramref name="program"/>, a bare name looked up on <paramref name="searchPath"/>
    /// (the PATH the process will run with), or <see langword="null"/> when there is no such file.
    /// </summary>
    public static string? Find(string program, string? skillDirectory, string workingDirectory, string searchPath)
    {
        if (program.Length == 0)
        {
            return null;
        }

        if (HasDirectory(program))
        {
            var path = Path.GetFullPath(program, skillDirectory ?? workingDirectory);
            return File.Exists(path) ? path : null;
        }

        return FindOnPath(program, searchPath);
    }

    /// <summary>The full path of the program <paramref name="program"/> on the host's PATH (absolute entries only), or <see langword="null"/>.</summary>
    public static string? FindOnPath(string program) => FindOnPath(program, Environment.GetEnvironmentVariable("PATH") ?? string.Empty);

    /// <summary>The full path of the program <paramref name="program"/> on <paramref name="searchPath"/> (absolute entries only), or <see langword="null"/>.</summary>
    public static string? FindOnPath(string program, string searchPath)
    {
        foreach (var folder in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            // An empty or relative PATH entry means "the current folder", which a skill's caller does not
            // control; only absolute entries are searched.
            if (!Path.IsPathRooted(folder))
            {
                continue;
            }

            foreach (var name in CandidateNames(program))
            {
                var path = Path.Combine(folder, name);
                if (File.Exists(path) && IsExecutable(path))
                {
                    return path;
                }
            }
        }

        return null;
    }

    /// <summary>Whether the file may be executed: on Unix, an execute bit is set; elsewhere, any file.</summary>
    public static bool IsExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    private static bool HasDirectory(string program) =>
        program.Contains('/', StringComparison.Ordinal) || (OperatingSystem.IsWindows() && program.Contains('\\', StringComparison.Ordinal));

    private static string[] CandidateNames(string program)
    {
        if (!OperatingSystem.IsWindows() || Path.HasExtension(program))
        {
            return [program];
        }

        var extensions = (Environment.GetEnvironmentVariable("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD").Split(';', StringSplitOptions.RemoveEmptyEntries);
        return Array.ConvertAll(extensions, extension => program + extension);
    }
}
