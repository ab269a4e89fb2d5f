using System.Collections.Generic;
using System.IO;
using System.Linq;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Scanning.Tests.Clean;

/// <summary>The repository's own skills (examples/ and samples/) are clean: no finding at all, so the scanner's false-positive rate on real skills is zero here.</summary>
public sealed class CleanSkillTests
{
    private static readonly SkillScanner Scanner = new(new ScanOptions { KnownNames = HostileSkillCorpus.KnownNames });

    public static TheoryData<string> SkillFolders
    {
        get
        {
            var folders = Directory.EnumerateFiles(TestPaths.Examples, "SKILL.md", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(Path.Combine(TestPaths.RepositoryRoot, "samples"), "SKILL.md", SearchOption.AllDirectories))
                .Where(path => !path.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar) && !path.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
                .Select(path => Path.GetRelativePath(TestPaths.RepositoryRoot, Path.GetDirectoryName(path)!))
                .OrderBy(path => path, System.StringComparer.Ordinal);
            return new TheoryData<string>(folders);
        }
    }

    [Fact]
    public void There_are_clean_skills_to_check()
    {
        Assert.True(SkillFolders.Count >= 7);
    }

    [Theory]
    [MemberData(nameof(SkillFolders))]
    public void A_repository_skill_has_no_findings(string folder)
    {
        var report = Scanner.ScanDirectory(Path.Combine(TestPaths.RepositoryRoot, folder), TestContext.Current.CancellationToken);

        Assert.True(report.FilesScanned > 0);
        Assert.True(report.Findings.Count == 0, string.Join("\n", report.Findings.Select(f => f.Format(folder) + " | " + f.Evidence)));
    }
}
