using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Agents.AI;

namespace SkillRt.Agents;

/// <summary>
/// A text file of a skill's <c>references/</c> or <c>assets/</c> folder, offered to the agent by its path
/// in the skill's folder (<c>references/types.md</c>). Only the text kinds Agent Framework's own file
/// skills offer are listed, links are neither followed nor read, and the file is checked again when read.
/// </summary>
internal sealed class SkillFileResource : AgentSkillResource
{
    /// <summary>The folders whose files are resources, as the Agent Skills layout names them.</summary>
    public static readonly IReadOnlyList<string> Folders = ["references", "assets"];

    /// <summary>The extensions of text files offered, those of Agent Framework's file skills.</summary>
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".md", ".json", ".yaml", ".yml", ".csv", ".xml", ".txt" };

    /// <summary>The largest file read; a reference is meant to be read by a model, not to fill its context.</summary>
    public const long MaxBytes = 1024 * 1024;

    private const int MaxFiles = 200;

    private readonly string _skillFolder;
    private readonly string _path;

    private SkillFileResource(string name, string skillFolder, string path)
        : base(name)
    {
        _skillFolder = skillFolder;
        _path = path;
    }

    /// <summary>The resources of the skill in <paramref name="skillFolder"/>, by name; none without a folder.</summary>
    public static IReadOnlyList<SkillFileResource> FindIn(string? skillFolder)
    {
        if (skillFolder is null)
        {
            return [];
        }

        var root = Path.GetFullPath(skillFolder);
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            MaxRecursionDepth = 4,
            AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden | FileAttributes.System,
            IgnoreInaccessible = true,
        };
        var found = new List<SkillFileResource>();
        foreach (var folder in Folders)
        {
            var path = Path.Combine(root, folder);
            if (!Directory.Exists(path) || new DirectoryInfo(path).LinkTarget is not null)
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(path, "*", options).Order(StringComparer.Ordinal))
            {
                if (found.Count == MaxFiles)
                {
                    return found;
                }

                if (Extensions.Contains(Path.GetExtension(file)))
                {
                    found.Add(new SkillFileResource(Path.GetRelativePath(root, file).Replace('\\', '/'), root, file));
                }
            }
        }

        return found;
    }

    /// <inheritdoc />
    public override async Task<object?> ReadAsync(IServiceProvider? serviceProvider = null, CancellationToken cancellationToken = default)
    {
        // The folder may have changed since it was listed: read only a plain file still inside it.
        var file = new FileInfo(_path);
        var inside = Path.GetFullPath(_path).StartsWith(Path.TrimEndingDirectorySeparator(_skillFolder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (!inside || !file.Exists || file.LinkTarget is not null)
        {
            return $"Error: the resource '{Name}' is no longer a file of the skill.";
        }

        if (file.Length > MaxBytes)
        {
            return $"Error: the resource '{Name}' has {file.Length:N0} bytes, more than the {MaxBytes:N0} a resource may have.";
        }

        return await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false);
    }
}
