using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using SkillRt.Dynamic;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt;

/// <summary>
/// A valid skill, ready to use: its manifest, its instructions and where it came from.
/// Creating one validates the skill; a skill with errors never becomes a definition.
/// </summary>
public sealed class SkillDefinition
{
    private SkillDescriptor? _descriptor;
    private SkillContract<JsonElement, JsonElement>? _contract;

    private SkillDefinition(SkillValidationResult validation, string? directory)
    {
        Document = validation.Document;
        Manifest = validation.Manifest;
        Diagnostics = validation.Diagnostics;
        Directory = directory;
    }

    /// <summary>The parsed SKILL.md.</summary>
    public SkillDocument Document { get; }

    /// <summary>The typed frontmatter.</summary>
    public SkillManifest Manifest { get; }

    /// <summary>The skill's name: the frontmatter's, or for a prose skill the name of the folder its file is in.</summary>
    public string Name => Manifest.Name ?? FolderName(Directory ?? (Path is null ? null : System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path)))) ?? "skill";

    /// <summary>The Markdown instructions.</summary>
    public string Instructions => Document.Body;

    /// <summary>The SKILL.md file, when the skill came from disk.</summary>
    public string? Path => Document.Path;

    /// <summary>
    /// The folder holding SKILL.md and its <c>scripts/</c>, <c>references/</c> and <c>assets/</c>, when
    /// loaded from disk from a file named SKILL.md (or its folder). A skill loaded from any other file
    /// (<c>~/review.md</c>) is a loose file and has no folder: <see langword="null"/>, so nothing beside
    /// the file is offered to the skill or shown in its sandbox.
    /// </summary>
    public string? Directory { get; }

    /// <summary>The warnings and infos found while validating; a definition never has errors.</summary>
    public IReadOnlyList<SkillDiagnostic> Diagnostics { get; }

    /// <summary>What the skill is, in the same form the source generator emits for typed skills.</summary>
    public SkillDescriptor Descriptor => _descriptor ??= CreateDescriptor();

    /// <summary>
    /// The skill's contract over JSON, for running it without generated types:
    /// <c>runner.RunAsync(definition.Contract, inputJson)</c>. Inputs and outputs are checked with
    /// SkillRt's JSON Schema validator against the skill's schemas; a skill without declared inputs takes its task as a
    /// JSON string.
    /// </summary>
    public SkillContract<JsonElement, JsonElement> Contract => _contract ??= new DynamicSkillContract(Descriptor, Manifest);

    /// <summary>Validates SKILL.md text and returns the skill it defines.</summary>
    /// <param name="text">The SKILL.md text.</param>
    /// <param name="path">Where the text came from, for messages; optional.</param>
    /// <exception cref="SkillValidationException">The skill has errors.</exception>
    public static SkillDefinition Parse(string text, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FromValidation(SkillValidator.Validate(SkillDocument.Parse(text, path)), directory: null);
    }

    /// <summary>Loads a skill from a SKILL.md file or from a folder that holds one.</summary>
    /// <param name="path">A SKILL.md file, another Markdown skill file, or a skill folder.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="SkillValidationException">The skill has errors.</exception>
    /// <exception cref="FileNotFoundException">There is no skill at <paramref name="path"/>.</exception>
    public static async Task<SkillDefinition> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = ResolveSkillFile(path);
        var document = await SkillDocument.LoadAsync(file, cancellationToken).ConfigureAwait(false);
        return FromValidation(SkillValidator.Validate(document), IsSkillFolderFile(file) ? System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file)) : null);
    }

    /// <summary>
    /// Whether <paramref name="file"/> makes its folder a skill folder: a file named SKILL.md does; any
    /// other Markdown file is a loose file, whose neighbours are not the skill's.
    /// </summary>
    internal static bool IsSkillFolderFile(string file) =>
        string.Equals(System.IO.Path.GetFileName(file), "SKILL.md", StringComparison.OrdinalIgnoreCase);

    private SkillDescriptor CreateDescriptor() => new()
    {
        Name = Name,
        Version = Manifest.Version,
        Description = Manifest.Description,
        Mode = Document.Mode,
        Instructions = Document.Body,
        InstructionsLine = Document.BodyLine,
        IsTemplate = Manifest.DeclaresInputs,
        InputSchema = SkillSchemas.ForInputs(Manifest.Inputs),
        OutputType = Manifest.Output.Type,
        OutputSchema = SkillSchemas.ForOutput(Manifest.Output),
        Runtime = Manifest.Runtime,
        Dependencies = Manifest.Dependencies,
        Permissions = Manifest.Permissions,
        Memory = Manifest.Memory,
        Tags = Manifest.Tags,
        SourcePath = Path,
        Directory = Directory,
    };

    private static string? FolderName(string? directory) =>
        string.IsNullOrEmpty(directory) ? null : System.IO.Path.GetFileName(directory);

    private static SkillDefinition FromValidation(SkillValidationResult validation, string? directory)
    {
        if (validation.HasErrors)
        {
            throw new SkillValidationException(validation.Document.Path, validation.Diagnostics);
        }

        return new SkillDefinition(validation, directory);
    }

    private static string ResolveSkillFile(string path)
    {
        if (System.IO.Directory.Exists(path))
        {
            var file = System.IO.Path.Combine(path, "SKILL.md");
            return File.Exists(file)
                ? file
                : throw new FileNotFoundException($"The folder '{path}' has no SKILL.md; a skill folder holds its instructions in SKILL.md.", file);
        }

        return File.Exists(path) ? path : throw new FileNotFoundException($"No skill file or folder at '{path}'.", path);
    }
}
