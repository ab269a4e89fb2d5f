using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace SkillRt.Registry.Tests;

/// <summary>
/// Builds .nupkg files in memory with the layout <c>dotnet pack</c> gives a skill package
/// (docs/msbuild.md): the nuspec with the <c>SkillRtSkills</c> package type and the <c>skillrt</c>
/// tags, and each skill under <c>skills/{name}/</c>. For protocol tests that need many packages fast;
/// the end-to-end tests pack with the real <c>dotnet pack</c>. Raw entries can be added to build
/// malformed packages.
/// </summary>
internal sealed class SkillPackageBuilder(string id, string version)
{
    private readonly List<(string Path, byte[] Content)> _entries = [];
    private readonly List<string> _skillNames = [];

    public string Id { get; } = id;

    public string Version { get; } = version;

    public string Description { get; set; } = "A test skill package.";

    /// <summary>The package types in the nuspec; <c>Dependency</c> and <c>SkillRtSkills</c> by default.</summary>
    public List<string> PackageTypes { get; } = ["Dependency", "SkillRtSkills"];

    /// <summary>The nuspec's projectUrl, when set.</summary>
    public string? ProjectUrl { get; set; }

    /// <summary>The nuspec's license expression (<c>MIT</c>), when set.</summary>
    public string? License { get; set; }

    /// <summary>Extra nuspec dependencies (id, range), for sibling-skill dependencies.</summary>
    public List<(string Id, string Range)> Dependencies { get; } = [];

    /// <summary>Adds <c>skills/{name}/SKILL.md</c> with the given text.</summary>
    public SkillPackageBuilder AddSkill(string name, string skillMarkdown)
    {
        _skillNames.Add(name);
        return AddEntry($"skills/{name}/SKILL.md", skillMarkdown);
    }

    /// <summary>Adds a structured skill with the given inputs and output block (YAML), valid by default.</summary>
    public SkillPackageBuilder AddStructuredSkill(string name, string description, string extraFrontmatter = "") =>
        AddSkill(name, $"---\nname: {name}\nversion: {Version}\ndescription: {description}\n{extraFrontmatter}---\nDo the work for {{{{ input }}}}.\n".Replace("{{ input }}", "the user", StringComparison.Ordinal));

    /// <summary>Adds any entry, verbatim (for malformed packages: '..' paths, absolute paths…).</summary>
    public SkillPackageBuilder AddEntry(string path, string content) => AddEntry(path, Encoding.UTF8.GetBytes(content));

    public SkillPackageBuilder AddEntry(string path, byte[] content)
    {
        _entries.Add((path, content));
        return this;
    }

    public byte[] Build()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, $"{Id}.nuspec", Encoding.UTF8.GetBytes(Nuspec()));
            foreach (var (path, content) in _entries)
            {
                Write(zip, path, content);
            }
        }

        return buffer.ToArray();
    }

    public string WriteTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Id}.{Version}.nupkg");
        File.WriteAllBytes(path, Build());
        return path;
    }

    private string Nuspec()
    {
        var tags = new StringBuilder("skillrt");
        foreach (var name in _skillNames)
        {
            tags.Append(" skillrt-skill-").Append(name);
        }

        var types = new StringBuilder();
        foreach (var type in PackageTypes)
        {
            types.Append($"<packageType name=\"{type}\" />");
        }

        var dependencies = new StringBuilder();
        foreach (var (dependencyId, range) in Dependencies)
        {
            dependencies.Append($"<dependency id=\"{dependencyId}\" version=\"{range}\" exclude=\"Build,Analyzers\" />");
        }

        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>{Id}</id>
                <version>{Version}</version>
                <authors>SkillRt tests</authors>
                <description>{System.Security.SecurityElement.Escape(Description)}</description>
                <tags>{tags}</tags>{(ProjectUrl is null ? "" : $"<projectUrl>{System.Security.SecurityElement.Escape(ProjectUrl)}</projectUrl>")}{(License is null ? "" : $"<license type=\"expression\">{System.Security.SecurityElement.Escape(License)}</license>")}
                <packageTypes>{types}</packageTypes>
                <dependencies><group targetFramework="net8.0">{dependencies}</group></dependencies>
              </metadata>
            </package>
            """;
    }

    private static void Write(ZipArchive zip, string path, byte[] content)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Fastest);
        using var stream = entry.Open();
        stream.Write(content);
    }
}
