using System;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Tools.Builtin;

/// <summary><c>read_file</c>: a text file the skill's <c>permissions.filesystem</c> lets it read.</summary>
internal sealed class ReadFileTool(BuiltinToolContext context) : BuiltinTool("read_file", Describe(context), Schema)
{
    private static readonly JsonElement Schema = ParseSchema("""
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "The file: relative to the working folder, or absolute." },
            "offset": { "type": "integer", "minimum": 0, "description": "The byte to start at, to read on after a truncated read. Default 0." }
          },
          "required": ["path"],
          "additionalProperties": false
        }
        """);

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var path = ToolPaths.Resolve(ToolArguments.GetString(arguments, "path"), context.WorkingDirectory);
        var offset = ToolArguments.GetInt32(arguments, "offset", 0);
        if (offset < 0)
        {
            throw ToolArguments.Invalid("The argument 'offset' must not be negative.");
        }

        var real = FileAccessCheck.Read(context, path);
        return await ReadTextAsync(real, ToolPaths.Display(path, context.WorkingDirectory), offset, "read_file", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The text of a file, at most <see cref="BuiltinTool.MaxTextBytes"/> from <paramref name="offset"/>,
    /// with a note saying how to read on when there is more; a sentence instead of binary content.
    /// </summary>
    public static async Task<string> ReadTextAsync(string path, string shown, int offset, string toolName, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw new IOException($"'{shown}' is a folder, not a file.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"'{shown}' does not exist.");
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var length = stream.Length;
            if (offset > 0)
            {
                stream.Seek(Math.Min(offset, length), SeekOrigin.Begin);
            }

            var (buffer, count, more) = await TextContent.ReadAsync(stream, MaxTextBytes, cancellationToken).ConfigureAwait(false);
            var bytes = buffer.AsSpan(0, count);

            // Reading on from an offset may start inside a character; its tail bytes are skipped.
            var skipped = 0;
            while (offset > 0 && skipped < Math.Min(3, bytes.Length) && (bytes[skipped] & 0xC0) == 0x80)
            {
                skipped++;
            }

            if (!TextContent.TryDecode(bytes[skipped..], more, encoding: null, out var text, out var used))
            {
                return $"'{shown}' is a binary file ({Size(length)}); {toolName} shows text files only.";
            }

            if (!more)
            {
                return text;
            }

            var end = offset + skipped + used;
            return text + $"\n\n[{toolName}: the file has {Size(length)}; this is bytes {Number(offset + skipped)} to {Number(end)}. Call {toolName} with offset {Number(end)} to read on.]";
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Size(long bytes) => Number(bytes) + (bytes == 1 ? " byte" : " bytes");

    private static string Describe(BuiltinToolContext context) =>
        "Reads a text file (UTF-8) and returns its content, at most 256 KB per call; a longer file ends with a note giving the offset to read on from. " +
        $"Paths are relative to the working folder {context.WorkingDirectory} or absolute. " +
        $"Only paths matching these globs of permissions.filesystem may be read: {FileAccessCheck.DescribeRules(context.Files)}; anything else is refused.";
}
