using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.Sandboxing;

namespace SkillRt.Tools.Builtin;

/// <summary>
/// <c>run_script</c>: one of the skill's own <c>scripts/</c>, in the sandbox. An executable file
/// runs as it is (its <c>#!</c> line picks the interpreter); any other file, and every file on
/// Windows, runs with the interpreter its extension names (<see cref="Interpreters"/>).
/// </summary>
internal sealed class RunScriptTool(BuiltinToolContext context) : BuiltinTool("run_script", Describe(context), Schema)
{
    /// <summary>The folder scripts live in, as the model names it.</summary>
    public const string Folder = "scripts";

    /// <summary>The interpreter for a script without an execute bit, by extension; looked up on PATH in the sandbox.</summary>
    public static readonly IReadOnlyDictionary<string, string> Interpreters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".py"] = "python3",
        [".sh"] = "sh",
        [".bash"] = "bash",
        [".js"] = "node",
        [".mjs"] = "node",
        [".cjs"] = "node",
    };

    private static readonly JsonElement Schema = ParseSchema("""
        {
          "type": "object",
          "properties": {
            "name": { "type": "string", "description": "The script, relative to the skill's scripts/ folder (build.py, tools/check.sh)." },
            "args": { "type": "array", "items": { "type": "string" }, "description": "The arguments, each passed as it is (no shell)." }
          },
          "required": ["name"],
          "additionalProperties": false
        }
        """);

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var name = ToolArguments.GetString(arguments, "name").Trim();
        var args = ToolArguments.GetStringList(arguments, "args");
        var skillDirectory = context.SkillDirectory!;

        // Names are relative to scripts/; "scripts/x.py", as a model may copy it from SKILL.md, is the same script.
        var scripts = Path.Combine(skillDirectory, Folder);
        var relative = name.StartsWith(Folder + "/", StringComparison.Ordinal) && !File.Exists(Path.Combine(scripts, name)) ? name : Path.Combine(Folder, name);
        var real = SkillFolder.Resolve(skillDirectory, relative, [Folder], "name");
        if (!File.Exists(real))
        {
            throw new FileNotFoundException($"The skill has no script '{name}' (scripts: {SkillFolder.DescribeFiles(scripts, scripts)}).");
        }

        var (program, programArguments) = Command(real, args);
        return await ProcessToolResult.RunAsync(context, program, programArguments, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The program to start and its arguments, for <paramref name="script"/>.</summary>
    public static (string Program, IReadOnlyList<string> Arguments) Command(string script, IReadOnlyList<string> args)
    {
        var hasInterpreter = Interpreters.TryGetValue(Path.GetExtension(script), out var interpreter);
        // On Windows every file counts as executable, so the extension decides there.
        if (hasInterpreter && (OperatingSystem.IsWindows() || !ProgramLocator.IsExecutable(script)))
        {
            return (interpreter!, [script, .. args]);
        }

        if (!ProgramLocator.IsExecutable(script))
        {
            throw new InvalidOperationException(
                $"The script '{Path.GetFileName(script)}' is not executable and its extension names no interpreter ({string.Join(", ", Interpreters.Keys)}); make it executable with a #! line.");
        }

        return (script, args);
    }

    private static string Describe(BuiltinToolContext context)
    {
        var scripts = Path.Combine(context.SkillDirectory!, Folder);
        var list = SkillFolder.DescribeFiles(scripts, scripts);
        return "Runs one of this skill's scripts and returns its exit code, standard output and standard error as JSON. " +
            (list.Length > 0 ? "The scripts (relative to scripts/): " + list + ". " : string.Empty) +
            "Executable scripts run directly; others by extension: .py with python3, .sh with sh, .js with node. " +
            $"It starts in {context.WorkingDirectory}, without a shell, in a sandbox that allows only the skill's permissions, and is stopped after {RunToolTool.ProcessTimeoutText(context.ProcessTimeout)}.";
    }
}
