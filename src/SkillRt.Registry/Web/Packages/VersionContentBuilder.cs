using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SkillRt.Registry.Reading;
using SkillRt.Registry.Storage;
using SkillRt.Server.Storage;

namespace SkillRt.Registry.Web.Packages;

/// <summary>
/// Builds a version's <see cref="VersionContent"/>: the contracts from the stored manifest (what the
/// manifest endpoint serves), and each skill's body from its SKILL.md in the stored .nupkg, rendered
/// by <see cref="SkillMarkdownRenderer"/>. The SKILL.md is also validated again, for one fact the
/// manifest does not keep: whether the generator gives the skill a typed <c>RunAsync</c>.
/// </summary>
internal sealed partial class VersionContentBuilder(SkillMarkdownRenderer renderer, IBlobStore blobs, ILogger<VersionContentBuilder> logger)
{
    // A SKILL.md larger than this is not read for the page (the publish limits make it rare).
    private const int MaxSkillFileBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, MaxDepth = 512 };

    public async Task<VersionContent> BuildAsync(string packageId, PackageVersionRecord version, CancellationToken cancellationToken)
    {
        var manifest = PublishedManifest.Parse(version.ManifestJson);
        var files = await ReadSkillFilesAsync(version, manifest.Skills.Select(s => s.Path).ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        var skills = new List<SkillContent>(manifest.Skills.Count);
        var weight = 0;
        foreach (var skill in manifest.Skills)
        {
            var content = Skill(packageId, skill, files.TryGetValue(skill.Path, out var bytes) ? bytes : null);
            weight += (content.BodyHtml?.Length ?? 0) + (content.OutputSchemaJson?.Length ?? 0) + 2048;
            skills.Add(content);
        }

        var dependencies = StoredDependencyGroup.Parse(version.DependencyGroupsJson)
            .SelectMany(g => (g.Dependencies ?? []).Select(d => new PackageDependencyRow(d.Id, d.Range, string.IsNullOrEmpty(g.TargetFramework) ? "any" : g.TargetFramework)))
            .ToList();
        weight += (version.Description?.Length ?? 0) + 1024;
        return new VersionContent(
            string.IsNullOrWhiteSpace(version.Title) ? null : version.Title,
            version.Description,
            version.Authors,
            RegistrationEndpoints.SplitTags(version.Tags).ToList(),
            SafeUrl(version.ProjectUrl),
            version.LicenseExpression,
            dependencies,
            skills,
            weight);
    }

    private SkillContent Skill(string packageId, PublishedSkill skill, byte[]? file)
    {
        var inputs = skill.Inputs ?? [];
        var rows = inputs.Select(i => new InputRow(
            i.Name,
            i.Type,
            i.Required,
            i.Default is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } value ? value.GetRawText() : null,
            i.Description,
            i.Enum ?? [],
            i.Schema is { ValueKind: JsonValueKind.Object or JsonValueKind.True } schema ? SchemaTreeBuilder.Build(schema) : null)).ToList();
        var outputSchema = skill.Output.Schema is { ValueKind: JsonValueKind.Object or JsonValueKind.True } output ? output : (JsonElement?)null;

        string? bodyHtml = null;
        var truncated = false;
        var typed = false;
        if (file is not null)
        {
            var validation = SkillValidator.Validate(SkillDocument.Parse(file, skill.Path));
            var document = validation.Document;
            (bodyHtml, truncated) = renderer.Render(document.Body);
            // The generator's rule (SkillModelBuilder): structured, and declares inputs or outputs.
            typed = document.Mode == SkillMode.Structured && (validation.Manifest.DeclaresInputs || document.Frontmatter?.Find("outputs") is not null);
        }

        var className = GeneratedNames.ClassName(skill.Name);
        return new SkillContent(
            skill.Name,
            skill.Version,
            skill.Description,
            skill.Path,
            skill.Mode,
            skill.Runtime.Type,
            skill.Runtime.MinVersion,
            rows,
            skill.Output.Type,
            outputSchema is { } tree ? SchemaTreeBuilder.Build(tree) : null,
            outputSchema is { } raw ? JsonSerializer.Serialize(raw, Indented) : null,
            PermissionWording.Describe(skill.Permissions, skill.Runtime),
            skill.Dependencies?.Skills ?? [],
            skill.Dependencies?.Tools ?? [],
            skill.Dependencies?.McpServers ?? [],
            skill.Tags ?? [],
            className,
            typed ? GeneratedNames.RunExample(skill.Name, inputs) : null,
            InstallSnippets.Cli(skill.Name, skill.Version),
            InstallSnippets.SkillFile(packageId, skill.Path),
            bodyHtml,
            truncated);
    }

    // The SKILL.md files of the manifest's skills, read from the stored package (a local file, or S3 copied to memory).
    private async Task<Dictionary<string, byte[]>> ReadSkillFilesAsync(PackageVersionRecord version, IReadOnlySet<string> paths, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (paths.Count == 0)
        {
            return found;
        }

        try
        {
            var stream = await blobs.OpenReadAsync(version.PackageSha256, cancellationToken).ConfigureAwait(false);
            if (stream is null)
            {
                LogMissingBlob(logger, version.Id, version.PackageSha256);
                return found;
            }

            await using (stream.ConfigureAwait(false))
            {
                var seekable = stream;
                if (!stream.CanSeek)
                {
                    seekable = new MemoryStream();
                    await stream.CopyToAsync(seekable, cancellationToken).ConfigureAwait(false);
                    seekable.Position = 0;
                }

                using var zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: false);
                foreach (var entry in zip.Entries)
                {
                    if (paths.Contains(entry.FullName) && entry.Length <= MaxSkillFileBytes && !found.ContainsKey(entry.FullName))
                    {
                        using var content = entry.Open();
                        using var buffer = new MemoryStream((int)entry.Length);
                        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                        found[entry.FullName] = buffer.ToArray();
                    }
                }
            }
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException)
        {
            // The package passed inspection at publish; a damaged blob shows the page without bodies, and the log says which.
            LogUnreadable(logger, exception, version.Id, version.PackageSha256);
        }

        return found;
    }

    // Only http and https links leave the page; anything else in the nuspec is shown as text.
    private static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The package blob {Sha256} of version {VersionId} is missing; its skill page shows no skill bodies")]
    private static partial void LogMissingBlob(ILogger logger, Guid versionId, string sha256);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The package blob {Sha256} of version {VersionId} could not be read; its skill page shows no skill bodies")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, Guid versionId, string sha256);
}
