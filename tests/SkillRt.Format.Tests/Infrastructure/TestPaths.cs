using System;
using System.IO;

namespace SkillRt.Tests;

/// <summary>Locates the repository and the shared folder beside it, so tests read fixtures in place.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Examples => Path.Combine(RepositoryRoot, "examples");

    public static string Spec => Path.Combine(RepositoryRoot, "spec");

    public static string Fixtures => Path.Combine(RepositoryRoot, "tests", "SkillRt.Format.Tests", "Fixtures");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SkillRt.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SkillRt.sln was not found above " + AppContext.BaseDirectory);
    }
}
