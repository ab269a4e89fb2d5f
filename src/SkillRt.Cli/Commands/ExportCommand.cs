using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Store;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt export --agent-skills &lt;skill&gt; &lt;out&gt;</c>: writes <c>{out}/{name}/</c> as an
/// Agent Skills folder that Claude Code, Codex, Copilot and Agent Framework load and that strict
/// Agent Skills validators accept: SKILL.md with only the Agent Skills keys, every other key in
/// <c>skillrt.yaml</c> beside it (which SkillRt reads back), and the skill's other files.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var skill = new Argument<string>("skill")
        {
            Description = "A skill folder or SKILL.md file, or an installed skill as name or name@range.",
        };
        var output = new Argument<string>("out")
        {
            Description = "The folder to write into; the skill goes to <out>/<name>/.",
        };
        var agentSkills = new Option<bool>("--agent-skills")
        {
            Description = "Write the Agent Skills form: SKILL.md with only the Agent Skills keys, the other keys in skillrt.yaml beside it.",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Replace <out>/<name>/ when it exists and is not empty.",
        };
        var command = new Command("export", "Write a skill in another tool's format (--agent-skills: the Agent Skills folder of Claude Code, Codex, Copilot, Agent Framework).")
        {
            skill,
            output,
            agentSkills,
            force,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(
                parseResult.GetValue(skill)!,
                parseResult.GetValue(output)!,
                parseResult.GetValue(agentSkills),
                parseResult.GetValue(force),
                parseResult.InvocationConfiguration.Output,
                cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string reference, string outRoot, bool agentSkills, bool force, TextWriter output, CancellationToken cancellationToken)
    {
        if (!agentSkills)
        {
            throw new CliException(ExitCodes.UsageError, "say which format to export to: --agent-skills (the Agent Skills folder layout) is the only one so far.");
        }

        SkillFolderWriter.RequireOutputFolder(outRoot);

        // Loading validates: an invalid skill stops here with its errors in the compiler's format,
        // located in SKILL.md (or its sidecar) even when a folder was named.
        var definition = await SkillLocator.LoadAsync(SkillFolderWriter.SkillFileIn(reference), SkillStore.Open(), cancellationToken).ConfigureAwait(false);
        var skillFile = definition.Path!;
        if (definition.Document.Mode == SkillMode.Prose)
        {
            throw new CliException(
                ExitCodes.InvalidSkill,
                $"'{skillFile}' is a prose skill (no frontmatter), and Agent Skills needs a name and a description; add these lines at the top of the file, then export again: '---', 'name: {definition.Name}', 'description: What it does and when to use it.', '---'.");
        }

        var text = SkillFolderWriter.ReadText(skillFile);
        if (definition.Document.SidecarPath is { } existing && File.Exists(existing))
        {
            // Exporting an exported folder again: start from the whole skill.
            text = ConversionProblems.ThrowIfFailed(AgentSkillsFormat.Merge(text, SkillFolderWriter.ReadText(existing)), skillFile, existing, "merged with its sidecar");
        }

        var split = AgentSkillsFormat.Split(text);
        ConversionProblems.ThrowIfFailed(split, skillFile, definition.Document.SidecarPath, "written as an Agent Skills folder");
        var name = definition.Manifest.Name!;

        // Only a SKILL.md owns its folder; another Markdown skill file shares it with unrelated files.
        var sourceFolder = string.Equals(Path.GetFileName(skillFile), "SKILL.md", StringComparison.OrdinalIgnoreCase) ? definition.Directory : null;
        var others = SkillFolderWriter.OtherFiles(sourceFolder, skillFile, outRoot, name);
        var texts = new List<(string Name, string Text)> { ("SKILL.md", split.SkillMarkdown!) };
        if (split.Sidecar is not null)
        {
            texts.Add((AgentSkillsFormat.SidecarFileName, split.Sidecar));
        }

        var target = SkillFolderWriter.Write(outRoot, name, skillFile, sourceFolder, others, texts, force);
        var files = string.Join(", ", texts.Select(t => t.Name)) + " and " + SkillFolderWriter.OtherFilesText(others.Count);
        var rewritten = split.RewrittenKeys.Count > 0 ? $"; rewritten in the strict Agent Skills form: {string.Join(", ", split.RewrittenKeys)}" : string.Empty;
        var version = definition.Manifest.Version is { } v ? " " + v : string.Empty;
        await output.WriteLineAsync($"Exported {name}{version} to '{target}' as an Agent Skills folder: {files}{rewritten}.").ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
