using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace SkillRt.Tests.Interop;

/// <summary>A temporary folder holding skill folders as an export writes them: <c>{root}/{name}/SKILL.md</c> and the sidecar.</summary>
internal sealed class AgentSkillsTestFolder : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _root = Directory.CreateTempSubdirectory("skillrt-interop-").FullName;

    /// <summary>Writes <c>{name}/SKILL.md</c> and, when given, the sidecar (else removes an earlier one); returns the SKILL.md's path.</summary>
    public string Write(string name, string skillMarkdown, string? sidecar)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "SKILL.md");
        File.WriteAllText(file, skillMarkdown, Utf8);
        var sidecarPath = Path.Combine(folder, AgentSkillsFormat.SidecarFileName);
        if (sidecar is not null)
        {
            File.WriteAllText(sidecarPath, sidecar, Utf8);
        }
        else
        {
            File.Delete(sidecarPath);
        }

        return file;
    }

    /// <summary>Writes a split the way <c>skillrt export</c> does; returns the SKILL.md's path.</summary>
    public string WriteSplit(string name, AgentSkillsConversion split) => Write(name, split.SkillMarkdown!, split.Sidecar);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp clean-up.
        }
    }

    /// <summary>Each top-level key's value as JSON: what SkillRt binds the manifest from, whatever the key order.</summary>
    public static IReadOnlyDictionary<string, string> JsonByKey(FrontmatterMapping? frontmatter) =>
        (frontmatter?.Entries ?? []).ToDictionary(entry => entry.Name, entry => entry.Value.ToJson(), StringComparer.Ordinal);
}
