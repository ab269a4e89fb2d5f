using System.Collections.Generic;

namespace SkillRt.Registry.Web.Packages;

/// <summary>
/// What a skill page shows of one version that never changes once it is published (its nuspec
/// metadata, its skills' contracts, permissions and rendered bodies), built once per version and
/// kept by <see cref="VersionContentCache"/>. Counts, lifecycle states, owners and signatures are
/// read per request, since they change.
/// </summary>
internal sealed record VersionContent(
    string? Title,
    string? Description,
    string? Authors,
    IReadOnlyList<string> Tags,
    string? ProjectUrl,
    string? License,
    IReadOnlyList<PackageDependencyRow> PackageDependencies,
    IReadOnlyList<SkillContent> Skills,
    int Weight);

/// <summary>A nuspec dependency: the package, its range in NuGet's notation, and the framework group ("any" when none).</summary>
internal sealed record PackageDependencyRow(string Id, string Range, string TargetFramework);

/// <summary>One skill of a version, ready to show.</summary>
internal sealed record SkillContent(
    string Name,
    string? Version,
    string? Description,
    string Path,
    string Mode,
    string RuntimeType,
    string? RuntimeMinVersion,
    IReadOnlyList<InputRow> Inputs,
    string OutputType,
    SchemaNode? OutputTree,
    string? OutputSchemaJson,
    IReadOnlyList<string> Permissions,
    IReadOnlyList<PublishedSkillDependency> SkillDependencies,
    IReadOnlyList<string> Tools,
    IReadOnlyList<string> McpServers,
    IReadOnlyList<string> Tags,
    string ClassName,
    string? RunExample,
    string CliSnippet,
    string SkillFileSnippet,
    string? BodyHtml,
    bool BodyTruncated)
{
    /// <summary>The section's id on the page (<c>skill-pr-review</c>); skill names are letters, digits and hyphens.</summary>
    public string Anchor => "skill-" + Name;
}

/// <summary>One input as the inputs table shows it; <see cref="Default"/> is the JSON text, null when there is none.</summary>
internal sealed record InputRow(string Name, string Type, bool Required, string? Default, string? Description, IReadOnlyList<string> EnumValues, SchemaNode? SchemaTree);
