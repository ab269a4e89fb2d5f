using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using SkillRt.Tests;

namespace SkillRt.Conformance.Tests;

/// <summary>The cases of <c>conformance/cases</c>: every folder with an <c>expected.json</c>, named <c>area/case</c>.</summary>
internal static class ConformanceCases
{
    public static string Root => Path.Combine(TestPaths.RepositoryRoot, "conformance");

    public static string CasesFolder => Path.Combine(Root, "cases");

    public static IReadOnlyList<string> Names { get; } = Directory
        .EnumerateFiles(CasesFolder, "expected.json", SearchOption.AllDirectories)
        .Select(file => Path.GetRelativePath(CasesFolder, Path.GetDirectoryName(file)!).Replace('\\', '/'))
        .Order(StringComparer.Ordinal)
        .ToList();

    public static string Folder(string name) => Path.Combine(CasesFolder, name.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The skill file the case names (<c>"skill"</c> in expected.json), or its SKILL.md.</summary>
    public static string SkillFile(string name)
    {
        // A case's frontmatter nests up to 64 levels (spec 3.7), deeper than the reader's default limit with its wrapper.
        using var expected = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder(name), "expected.json")), new JsonDocumentOptions { MaxDepth = 256 });
        var file = expected.RootElement.TryGetProperty("skill", out var skill) ? skill.GetString()! : "SKILL.md";
        return Path.Combine(Folder(name), file);
    }
}
