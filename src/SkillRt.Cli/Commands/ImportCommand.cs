using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Store;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt import &lt;folder&gt; &lt;out&gt;</c>: the reverse of <c>skillrt export --agent-skills</c>.
/// Reads an Agent Skills folder, merges its <c>skillrt.yaml</c> sidecar (if any) back into the
/// frontmatter, and writes <c>{out}/{name}/SKILL.md</c> with the folder's other files.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder")
        {
            Description = "An Agent Skills folder (holding SKILL.md, and skillrt.yaml when exported by SkillRt), or its SKILL.md.",
        };
        var output = new Argument<string>("out")
        {
            Description = "The folder to write into; the skill goes to <out>/<name>/.",
        };
        var force = new Option<bool>("--force")
        {
            Description = "Replace <out>/<name>/ when it exists and is not empty.",
        };
        var command = new Command("import", "Turn an Agent Skills folder back into one SKILL.md, merging the SkillRt keys kept in skillrt.yaml.")
        {
            folder,
            output,
            force,
        };
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(
                parseResult.GetValue(folder)!,
                parseResult.GetValue(output)!,
                parseResult.GetValue(force),
                parseResult.InvocationConfiguration.Output,
                cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string source, string outRoot, bool force, TextWriter output, CancellationToken cancellationToken)
    {
        SkillFolderWriter.RequireOutputFolder(outRoot);

        // A path only: an installed skill is already in SkillRt's form.
        if (!Directory.Exists(source) && !File.Exists(source))
        {
            throw new CliException(ExitCodes.UsageError, $"'{source}' does not exist; pass an Agent Skills folder (one that holds SKILL.md).");
        }

        // Loading reads the sidecar and validates the whole skill: errors name the file they are in.
        var definition = await SkillLocator.LoadAsync(SkillFolderWriter.SkillFileIn(source), SkillStore.Open(), cancellationToken).ConfigureAwait(false);
        var skillFile = definition.Path!;
        var sidecarFile = Path.Combine(Path.GetDirectoryName(skillFile) ?? string.Empty, AgentSkillsFormat.SidecarFileName);

        // The sidecar belongs to a SKILL.md only; another Markdown file shares its folder with unrelated files.
        var sourceFolder = string.Equals(Path.GetFileName(skillFile), "SKILL.md", StringComparison.OrdinalIgnoreCase) ? definition.Directory : null;
        var sidecar = sourceFolder is not null && File.Exists(sidecarFile) ? SkillFolderWriter.ReadText(sidecarFile) : null;
        var merged = ConversionProblems.ThrowIfFailed(AgentSkillsFormat.Merge(SkillFolderWriter.ReadText(skillFile), sidecar), skillFile, sidecarFile, "merged with its sidecar");

        var name = definition.Name;
        var others = SkillFolderWriter.OtherFiles(sourceFolder, skillFile, outRoot, name);
        var target = SkillFolderWriter.Write(outRoot, name, skillFile, sourceFolder, others, new List<(string Name, string Text)> { ("SKILL.md", merged) }, force);
        var version = definition.Manifest.Version is { } v ? " " + v : string.Empty;
        var what = sidecar is null ? $"SKILL.md (there was no {AgentSkillsFormat.SidecarFileName} to merge)" : $"SKILL.md with {AgentSkillsFormat.SidecarFileName} merged back";
        await output.WriteLineAsync($"Imported {name}{version} to '{target}': {what} and {SkillFolderWriter.OtherFilesText(others.Count)}.").ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
