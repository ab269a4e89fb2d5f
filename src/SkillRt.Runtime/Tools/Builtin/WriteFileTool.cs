using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Tools.Builtin;

/// <summary><c>write_file</c>: creates or replaces a text file where a read-write rule of <c>permissions.filesystem</c> allows.</summary>
internal sealed class WriteFileTool(BuiltinToolContext context) : BuiltinTool("write_file", Describe(context), Schema)
{
    private static readonly JsonElement Schema = ParseSchema("""
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "The file: relative to the working folder, or absolute." },
            "content": { "type": "string", "description": "The whole new content, written as UTF-8." }
          },
          "required": ["path", "content"],
          "additionalProperties": false
        }
        """);

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var path = ToolPaths.Resolve(ToolArguments.GetString(arguments, "path"), context.WorkingDirectory);
        var content = ToolArguments.GetString(arguments, "content");
        var shown = ToolPaths.Display(path, context.WorkingDirectory);
        var real = FileAccessCheck.Write(context, path);
        if (Directory.Exists(real))
        {
            throw new IOException($"'{shown}' is a folder; write_file writes files.");
        }

        CreateParents(real);

        byte[] bytes;
        try
        {
            bytes = Utf8.GetBytes(content);
        }
        catch (EncoderFallbackException)
        {
            throw ToolArguments.Invalid("The argument 'content' is not valid Unicode text (a lone surrogate).");
        }

        // Written next to the file and moved over it, so a reader never sees half a file and a
        // failed write leaves the old one.
        var folder = Path.GetDirectoryName(real)!;
        var temporary = Path.Combine(folder, "." + Path.GetFileName(real) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, real, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        return $"Wrote {bytes.Length.ToString(CultureInfo.InvariantCulture)} bytes to '{shown}'.";
    }

    /// <summary>Creates the missing folders above <paramref name="file"/>, each only if the rules allow writing it.</summary>
    private void CreateParents(string file)
    {
        var missing = new Stack<string>();
        for (var folder = Path.GetDirectoryName(file); folder is not null && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
        {
            missing.Push(folder);
        }

        foreach (var folder in missing)
        {
            if (!context.Files.CanWrite(folder))
            {
                throw new ToolDeniedException(
                    ToolDenialReason.Filesystem,
                    $"the folder '{ToolPaths.Display(folder, context.WorkingDirectory)}' does not exist and permissions.filesystem does not allow creating it (allowed: {FileAccessCheck.DescribeRules(context.Files)}).");
            }
        }

        while (missing.Count > 0)
        {
            Directory.CreateDirectory(missing.Pop());
        }
    }

    private static string Describe(BuiltinToolContext context) =>
        "Creates or replaces a text file with the given content (UTF-8), creating missing folders when they are allowed too. " +
        $"Paths are relative to the working folder {context.WorkingDirectory} or absolute. " +
        $"Only paths matching the read-write globs of permissions.filesystem may be written: {string.Join(", ", context.Files.Describe(writableOnly: true))}; anything else is refused.";
}
