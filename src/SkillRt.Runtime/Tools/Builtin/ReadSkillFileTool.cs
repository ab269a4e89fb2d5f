using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Tools.Builtin;

/// <summary>
/// <c>read_skill_file</c>: a file of the skill's own <c>references/</c> or <c>assets/</c>. No
/// filesystem permission is needed: the files ship with the skill.
/// </summary>
internal sealed class ReadSkillFileTool(BuiltinToolContext context) : BuiltinTool("read_skill_file", Describe(context), Schema)
{
    /// <summary>The folders this tool reads from, as the model names them.</summary>
    public static readonly IReadOnlyList<string> Folders = ["references", "assets"];

    private static readonly JsonElement Schema = ParseSchema("""
        {
          "type": "object",
          "properties": {
            "path": { "type": "string", "description": "Relative to the skill's folder, starting with references/ or assets/. A folder is listed." },
            "offset": { "type": "integer", "minimum": 0, "description": "The byte to start at, to read on after a truncated read. Default 0." }
          },
          "required": ["path"],
          "additionalProperties": false
        }
        """);

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var relative = ToolArguments.GetString(arguments, "path");
        var offset = ToolArguments.GetInt32(arguments, "offset", 0);
        if (offset < 0)
        {
            throw ToolArguments.Invalid("The argument 'offset' must not be negative.");
        }

        var skillDirectory = context.SkillDirectory!;
        var real = SkillFolder.Resolve(skillDirectory, relative, Folders, "path");
        var shown = ToolPaths.Display(Path.GetFullPath(relative, skillDirectory), skillDirectory);
        if (Directory.Exists(real))
        {
            return ListFilesTool.List(real, shown, static _ => true);
        }

        return await ReadFileTool.ReadTextAsync(real, shown, offset, Name, cancellationToken).ConfigureAwait(false);
    }

    private static string Describe(BuiltinToolContext context)
    {
        var directory = context.SkillDirectory!;
        var files = string.Join("; ", Folders
            .Where(folder => SkillFolder.Has(directory, folder))
            .Select(folder => SkillFolder.DescribeFiles(Path.Combine(directory, folder), directory))
            .Where(static list => list.Length > 0));
        return "Reads a text file that comes with this skill, from its references/ or assets/ folder (at most 256 KB per call; a longer file ends with a note giving the offset to read on from). " +
            "Paths are relative to the skill's folder. " +
            (files.Length > 0 ? "The files: " + files + "." : "The folders are empty.");
    }
}
