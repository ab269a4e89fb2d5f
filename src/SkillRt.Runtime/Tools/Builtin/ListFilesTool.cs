using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Tools.Builtin;

/// <summary><c>list_files</c>: the entries of a folder the skill's <c>permissions.filesystem</c> lets it see.</summary>
internal sealed class ListFilesTool(BuiltinToolContext context) : BuiltinTool("list_files", Describe(context), Schema)
{
    /// <summary>The most entries one listing shows; a model has no use for more at once.</summary>
    public const int MaxEntries = 1000;

    private static readonly JsonElement Schema = ParseSchema("""
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "The folder: relative to the working folder, or absolute. Default: the working folder." }
          },
          "additionalProperties": false
        }
        """);

    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var path = ToolPaths.Resolve(ToolArguments.GetOptionalString(arguments, "path") ?? ".", context.WorkingDirectory);
        var real = FileAccessCheck.List(context, path);
        var shown = ToolPaths.Display(path, context.WorkingDirectory);
        var files = context.Files;
        return new(List(real, shown, entry =>
        {
            // Entries are checked where the model would reach them: through the folder it named.
            var entryPath = Path.Combine(path, entry.Name);
            return entry is DirectoryInfo ? files.CanList(entryPath) : files.CanRead(entryPath);
        }));
    }

    /// <summary>The entries of <paramref name="folder"/> that <paramref name="include"/> lets through, as JSON: name, type, size.</summary>
    public static JsonElement List(string folder, string shown, Func<FileSystemInfo, bool> include)
    {
        if (File.Exists(folder))
        {
            throw new IOException($"'{shown}' is a file, not a folder.");
        }

        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"'{shown}' does not exist.");
        }

        var entries = new DirectoryInfo(folder)
            .EnumerateFileSystemInfos("*", new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0, RecurseSubdirectories = false })
            .Where(include)
            .OrderBy(static entry => entry.Name, StringComparer.Ordinal)
            .Take(MaxEntries + 1)
            .ToList();
        return SkillJson.ToElement((shown, entries), 0, static (state, writer, _) =>
        {
            writer.WriteStartObject();
            writer.WriteString("path", state.shown);
            writer.WriteStartArray("entries");
            foreach (var entry in state.entries.Take(MaxEntries))
            {
                writer.WriteStartObject();
                writer.WriteString("name", entry.Name);
                writer.WriteString("type", entry is DirectoryInfo ? "folder" : "file");
                if (entry is FileInfo file)
                {
                    writer.WriteNumber("size", SafeLength(file));
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (state.entries.Count > MaxEntries)
            {
                writer.WriteString("note", $"Only the first {MaxEntries} entries (by name) are shown.");
            }

            writer.WriteEndObject();
        });
    }

    // A file may vanish, or be a dangling link, between listing and asking its size.
    private static long SafeLength(FileInfo file)
    {
        try
        {
            return file.Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string Describe(BuiltinToolContext context) =>
        "Lists a folder: each entry's name, type (file or folder) and size in bytes. " +
        $"Paths are relative to the working folder {context.WorkingDirectory} or absolute. " +
        $"Only folders matching these globs of permissions.filesystem, or inside their fixed leading folders, may be listed, and only the entries the globs allow are shown: {FileAccessCheck.DescribeRules(context.Files)}.";
}
