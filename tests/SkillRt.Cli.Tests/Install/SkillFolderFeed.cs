using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace SkillRt.Cli.Tests.Install;

/// <summary>
/// A NuGet local folder feed of skill packages built in-process with the layout <c>dotnet pack</c>
/// gives them (docs/msbuild.md): the nuspec with the <c>SkillRtSkills</c> package type and the
/// <c>skillrt-skill-{name}</c> tags, <c>skills/{name}/SKILL.md</c>, and <c>skills/index.json</c> with each
/// file's SHA-256 and the skill's <c>dependencies.skills</c>, as SkillIndexWriter writes them. Real
/// <c>dotnet pack</c> takes seconds a package; dependency scenarios need a dozen
/// (<see cref="SkillLibraryFeed"/> covers the packer itself).
/// </summary>
internal sealed class SkillFolderFeed : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("skillrt-deps-feed-").FullName;

    /// <summary>Publishes <paramref name="name"/> <paramref name="version"/>, needing <paramref name="dependencies"/> (<c>name@range</c>), as the package of the same ID.</summary>
    public SkillFolderFeed Add(string name, string version, params string[] dependencies)
    {
        var skill = SkillMarkdown(name, version, dependencies);
        var entry = $"skills/{name}/SKILL.md";
        var index = $$"""
            {
              "schemaVersion": 1,
              "skills": [
                {
                  "name": "{{name}}",
                  "version": "{{version}}",
                  "description": "The {{name}} test skill.",
                  "path": "{{entry}}",
                  "runtime": "prompt",
                  "dependencies": {"skills": [{{string.Join(", ", dependencies.Select(d => $"\"{d}\""))}}], "tools": [], "mcpServers": []},
                  "tags": [],
                  "files": [
                    {"path": "{{entry}}", "sha256": "{{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(skill)))}}"}
                  ]
                }
              ]
            }
            """;
        var path = Path.Combine(Folder, $"{name}.{version}.nupkg");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Write(zip, $"{name}.nuspec", Nuspec(name, version));
        Write(zip, entry, skill);
        Write(zip, "skills/index.json", index);
        return this;
    }

    /// <summary>The SKILL.md of a test skill: valid, with its dependencies in frontmatter.</summary>
    public static string SkillMarkdown(string name, string version, params string[] dependencies)
    {
        var frontmatter = new StringBuilder($"---\nname: {name}\ndescription: The {name} test skill.\nversion: {version}\n");
        if (dependencies.Length > 0)
        {
            frontmatter.Append("dependencies:\n  skills:\n");
            foreach (var dependency in dependencies)
            {
                frontmatter.Append($"    - \"{dependency}\"\n");
            }
        }

        return frontmatter.Append($"---\nDo what {name} does.\n").ToString();
    }

    /// <summary>A NuGet.config in <paramref name="directory"/> whose only feed is this folder, named <c>skills</c>.</summary>
    public void WriteNuGetConfig(string directory) => SkillLibraryFeed.WriteNuGetConfig(directory, $"""<add key="skills" value="{Folder}" />""");

    /// <summary>How the CLI names this feed in messages and JSON.</summary>
    public string Describe => $"'skills' ({Folder})";

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static string Nuspec(string id, string version) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
          <metadata>
            <id>{id}</id>
            <version>{version}</version>
            <authors>SkillRt tests</authors>
            <description>The {id} test skill.</description>
            <tags>skillrt skillrt-skill-{id}</tags>
            <packageTypes><packageType name="Dependency" /><packageType name="SkillRtSkills" /></packageTypes>
          </metadata>
        </package>
        """;

    private static void Write(ZipArchive zip, string path, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(path, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}
