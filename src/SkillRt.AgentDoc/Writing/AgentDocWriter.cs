using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.AgentDoc;

/// <summary>Writes an agent-doc as agent-doc.yaml text that <see cref="AgentDocReader"/> reads back as the same document.</summary>
public static class AgentDocWriter
{
    /// <summary>The YAML text of <paramref name="document"/>, in the spec's key order.</summary>
    /// <param name="document">The document.</param>
    /// <param name="header">Comment lines to put first (each starting with '#'), or null.</param>
    public static string Write(AgentDocument document, string? header = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        return YamlEmitter.Write(AgentDocJson.ToJson(document), header);
    }

    /// <summary>Writes the YAML text to a file as UTF-8 without a byte order mark, replacing it.</summary>
    public static Task WriteAsync(AgentDocument document, string path, string? header = null, CancellationToken cancellationToken = default) =>
        File.WriteAllTextAsync(path, Write(document, header), new UTF8Encoding(false), cancellationToken);
}
