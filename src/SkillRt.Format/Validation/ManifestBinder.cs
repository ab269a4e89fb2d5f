using System;
using System.Collections.Generic;
using System.IO;

namespace SkillRt;

/// <summary>
/// Walks the frontmatter once, checking every rule of the spec and building the typed
/// <see cref="SkillManifest"/>. Every problem is collected; nothing stops at the first one.
/// One partial file per frontmatter section.
/// </summary>
internal sealed partial class ManifestBinder
{
    private static readonly HashSet<string> OptionalSections = new(StringComparer.Ordinal)
    {
        "authors", "tags", "allowed-tools", "metadata", "runtime", "inputs", "outputs", "dependencies", "permissions", "memory", "license", "compatibility",
    };

    // The opening '---': where "missing key" diagnostics point, since the key has no position of its own.
    private static readonly SourceSpan FrontmatterStart = new(1, 1, 1, 4);

    private readonly SkillDocument _document;
    private readonly SkillValidationOptions _options;
    private readonly List<SkillDiagnostic> _diagnostics;

    // The file the entry being bound comes from: null for the SKILL.md, else the sidecar's path.
    private string? _file;

    private ManifestBinder(SkillDocument document, SkillValidationOptions options, List<SkillDiagnostic> diagnostics)
    {
        _document = document;
        _options = options;
        _diagnostics = diagnostics;
    }

    public static SkillManifest Bind(SkillDocument document, SkillValidationOptions options, List<SkillDiagnostic> diagnostics)
    {
        if (document.Mode == SkillMode.Prose || document.Frontmatter is null)
        {
            return new SkillManifest();
        }

        return new ManifestBinder(document, options, diagnostics).BindFrontmatter(document.Frontmatter);
    }

    private SkillManifest BindFrontmatter(FrontmatterMapping frontmatter)
    {
        string? name = null;
        string? description = null;
        SemanticVersion? version = null;
        var hasVersion = false;
        var usesSkillRtKeys = false;
        string? license = null;
        string? compatibility = null;
        IReadOnlyList<string> authors = [];
        IReadOnlyList<string> tags = [];
        IReadOnlyList<string> allowedTools = [];
        IReadOnlyList<KeyValuePair<string, string>> metadata = [];
        var runtime = SkillRuntime.Default;
        IReadOnlyList<SkillInput> inputs = [];
        var declaresInputs = false;
        var output = SkillOutput.Text;
        var dependencies = SkillDependencies.None;
        var permissions = SkillPermissions.None;
        var memory = SkillMemory.None;
        var extensions = new List<FrontmatterEntry>();

        for (var index = 0; index < frontmatter.Entries.Count; index++)
        {
            var entry = frontmatter.Entries[index];

            // Keys merged from the sidecar (spec 12.2.1) have positions in that file: everything
            // reported while binding one of them names it.
            _file = index >= _document.SidecarEntryStart ? _document.SidecarPath : null;

            // "tags:" with nothing after it is the same as leaving the key out ("inputs:" still
            // declares that the body is a template, with no inputs).
            if (entry.Value is FrontmatterScalar { IsNull: true } && OptionalSections.Contains(entry.Name))
            {
                declaresInputs |= entry.Name == "inputs";
                continue;
            }

            // Keys SkillRt defines beyond Agent Skills' six: a file with none of them is an Agent Skills file.
            usesSkillRtKeys |= !AgentSkillsFormat.IsAgentSkillsKey(entry.Name) && OptionalSections.Contains(entry.Name) || entry.Name == "version";

            switch (entry.Name)
            {
                case "name":
                    name = BindName(entry);
                    break;
                case "description":
                    description = BindDescription(entry);
                    break;
                case "version":
                    hasVersion = true;
                    version = BindVersion(entry.Value, "version", SkillDiagnosticDescriptors.InvalidVersion);
                    break;
                case "authors":
                    authors = ReadStringList(entry.Value, "authors");
                    break;
                case "license":
                    license = ReadString(entry.Value, "license");
                    break;
                case "compatibility":
                    compatibility = BindCompatibility(entry.Value);
                    break;
                case "metadata":
                    metadata = BindMetadata(entry.Value);
                    break;
                case "allowed-tools":
                    allowedTools = BindAllowedTools(entry.Value);
                    break;
                case "tags":
                    tags = ReadStringList(entry.Value, "tags");
                    break;
                case "runtime":
                    runtime = BindRuntime(entry.Value);
                    break;
                case "inputs":
                    declaresInputs = true;
                    inputs = BindInputs(entry.Value);
                    break;
                case "outputs":
                    output = BindOutput(entry.Value);
                    break;
                case "dependencies":
                    dependencies = BindDependencies(entry.Value);
                    break;
                case "permissions":
                    permissions = BindPermissions(entry.Value);
                    break;
                case "memory":
                    memory = BindMemory(entry.Value);
                    break;
                default:
                    extensions.Add(entry);
                    Report(SkillDiagnosticDescriptors.UnknownKey, entry.Key.Span, entry.Name);
                    break;
            }
        }

        _file = null;
        if (frontmatter.Find("name") is null)
        {
            Report(SkillDiagnosticDescriptors.MissingName, FrontmatterStart, SuggestName());
        }

        if (frontmatter.Find("description") is null)
        {
            Report(SkillDiagnosticDescriptors.MissingDescription, FrontmatterStart);
        }

        // Agent Skills has no version key, and a strict Agent Skills file cannot add one (its SkillRt
        // keys go to the sidecar): only a file that already uses SkillRt's keys is asked for a version.
        if (!hasVersion && usesSkillRtKeys)
        {
            Report(SkillDiagnosticDescriptors.MissingVersion, FrontmatterStart);
        }

        if (declaresInputs)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var input in inputs)
            {
                names.Add(input.Name);
            }

            TemplateScanner.Scan(_document.Text, _document.BodyStart, _document.BodyLine, names, _diagnostics);
        }

        return new SkillManifest
        {
            Name = name,
            Description = description,
            Version = version,
            Authors = authors,
            License = license,
            Compatibility = compatibility,
            Metadata = metadata,
            AllowedTools = allowedTools,
            Runtime = runtime,
            DeclaresInputs = declaresInputs,
            Inputs = inputs,
            Output = output,
            Dependencies = dependencies,
            Permissions = permissions,
            Memory = memory,
            Tags = tags,
            Extensions = extensions,
        };
    }

    private string? BindName(FrontmatterEntry entry)
    {
        var name = ReadString(entry.Value, "name");
        if (name is null)
        {
            return null;
        }

        var problem = NameRules.CheckSkillName(name);
        if (problem is not null)
        {
            Report(SkillDiagnosticDescriptors.InvalidName, entry.Value.Span, name, problem);
            return name;
        }

        var folder = SkillFolderName();
        if (_options.CheckFolderName && folder is not null && !string.Equals(folder, name, StringComparison.Ordinal))
        {
            Report(SkillDiagnosticDescriptors.NameFolderMismatch, entry.Value.Span, name, folder);
        }

        return name;
    }

    private string? BindDescription(FrontmatterEntry entry)
    {
        var description = ReadString(entry.Value, "description");
        if (description is null)
        {
            return null;
        }

        var length = CountCodePoints(description.Trim());
        if (length is 0 or > Limits.MaxDescriptionLength)
        {
            Report(SkillDiagnosticDescriptors.InvalidDescription, entry.Value.Span, length, Limits.MaxDescriptionLength);
        }

        return description;
    }

    private SemanticVersion? BindVersion(FrontmatterNode node, string path, SkillDiagnosticDescriptor invalid)
    {
        var text = ReadString(node, path);
        if (text is null)
        {
            return null;
        }

        if (!SemanticVersion.TryParse(text, out var version))
        {
            Report(invalid, node.Span, text);
        }

        return version;
    }

    private string? BindCompatibility(FrontmatterNode node)
    {
        var compatibility = ReadString(node, "compatibility");
        if (compatibility is not null && CountCodePoints(compatibility) > Limits.MaxCompatibilityLength)
        {
            Report(SkillDiagnosticDescriptors.CompatibilityTooLong, node.Span, CountCodePoints(compatibility), Limits.MaxCompatibilityLength);
        }

        return compatibility;
    }

    private IReadOnlyList<KeyValuePair<string, string>> BindMetadata(FrontmatterNode node)
    {
        if (ReadMapping(node, "metadata") is not { } mapping)
        {
            return [];
        }

        var metadata = new List<KeyValuePair<string, string>>(mapping.Entries.Count);
        foreach (var entry in mapping.Entries)
        {
            if (entry.Value is FrontmatterScalar { IsNull: false } scalar)
            {
                metadata.Add(new KeyValuePair<string, string>(entry.Name, scalar.Value));
                continue;
            }

            // Agent Skills says text, but its reference validator and the agents accept any value
            // (metadata.requires: {bins: [gh]} is common): keep it, and say it is not portable.
            Report(SkillDiagnosticDescriptors.NonTextMetadataValue, entry.Value.Span, entry.Name, entry.Value.KindDescription);
            metadata.Add(new KeyValuePair<string, string>(entry.Name, entry.Value.ToJson()));
        }

        return metadata;
    }

    // Agent Skills writes allowed-tools as one space-separated string; a YAML list is accepted too.
    private IReadOnlyList<string> BindAllowedTools(FrontmatterNode node)
    {
        if (node is FrontmatterScalar { IsNull: false } scalar)
        {
            return scalar.Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        }

        return ReadStringList(node, "allowed-tools");
    }

    private string? SkillFolderName()
    {
        var path = _document.Path;
        if (string.IsNullOrEmpty(path) || !string.Equals(Path.GetFileName(path), "SKILL.md", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var folder = Path.GetFileName(Path.GetDirectoryName(path));
        return string.IsNullOrEmpty(folder) ? null : folder;
    }

    private string SuggestName()
    {
        var folder = SkillFolderName();
        return folder is not null && NameRules.CheckSkillName(folder) is null ? folder : "my-skill";
    }

    private static int CountCodePoints(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsLowSurrogate(text[i]) || i == 0 || !char.IsHighSurrogate(text[i - 1]))
            {
                count++;
            }
        }

        return count;
    }

    private static class Limits
    {
        public const int MaxDescriptionLength = 1024;
        public const int MaxCompatibilityLength = 500;
    }
}
