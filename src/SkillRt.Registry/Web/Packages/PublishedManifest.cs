using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SkillRt.Registry.Web.Packages;

/// <summary>
/// The stored manifest of a version (<c>registry_versions.ManifestJson</c>, written by
/// <see cref="Publishing.SkillManifestJson"/>) as the skill page reads it: the same document the
/// <c>…/manifest.json</c> endpoint serves, so the page shows exactly what clients get.
/// </summary>
internal sealed record PublishedManifest(IReadOnlyList<PublishedSkill> Skills)
{
    // Schemas may nest deeper than the default 64 levels; the tree builder bounds what it shows.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { MaxDepth = 512 };

    /// <summary>Reads the stored JSON; a version whose manifest is not this shape shows no skills rather than failing the page.</summary>
    public static PublishedManifest Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<PublishedManifest>(json, Json) is { Skills: not null } manifest ? manifest : new PublishedManifest([]);
        }
        catch (JsonException)
        {
            return new PublishedManifest([]);
        }
    }
}

/// <summary>One skill of <see cref="PublishedManifest"/>.</summary>
internal sealed record PublishedSkill(
    string Name,
    string? Version,
    string? Description,
    string Path,
    string Mode,
    PublishedRuntime Runtime,
    IReadOnlyList<PublishedInput>? Inputs,
    PublishedOutput Output,
    PublishedPermissions Permissions,
    PublishedDependencies Dependencies,
    IReadOnlyList<string>? Tags);

/// <summary>How the skill runs (<c>markdown-skill</c>, <c>process</c>, <c>mcp-tool</c>…).</summary>
internal sealed record PublishedRuntime(string Type, string? MinVersion, string? Server, string? Tool);

/// <summary>One declared input; <see cref="Default"/> is JSON of the input's type, absent when there is none.</summary>
internal sealed record PublishedInput(string Name, string Type, bool Required, string? Description, IReadOnlyList<string>? Enum, JsonElement? Default, JsonElement? Schema);

/// <summary>The output type and, for <c>json</c>, its schema.</summary>
internal sealed record PublishedOutput(string Type, JsonElement? Schema);

/// <summary>What the skill may reach; anything not listed is denied.</summary>
internal sealed record PublishedPermissions(IReadOnlyList<string>? Network, IReadOnlyList<PublishedFileRule>? Filesystem, IReadOnlyList<string>? Env);

/// <summary>A filesystem rule: a glob and <c>read</c> or <c>read-write</c>.</summary>
internal sealed record PublishedFileRule(string Path, string Access);

/// <summary>Other skills (by name and range), programs and MCP servers the skill needs.</summary>
internal sealed record PublishedDependencies(
    IReadOnlyList<PublishedSkillDependency>? Skills,
    IReadOnlyList<string>? Tools,
    [property: JsonPropertyName("mcpServers")] IReadOnlyList<string>? McpServers);

/// <summary>A skill the skill uses: its name and version range (<c>*</c> or null for any).</summary>
internal sealed record PublishedSkillDependency(string Name, string? Range);
