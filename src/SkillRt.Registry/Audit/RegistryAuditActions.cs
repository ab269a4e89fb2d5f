namespace SkillRt.Registry.Audit;

/// <summary>The actions the registry itself records; other modules name theirs the same way (<c>area.verb</c>).</summary>
public static class RegistryAuditActions
{
    /// <summary>A version was published.</summary>
    public const string Publish = "package.publish";

    /// <summary>A version was unlisted (hidden from search and from "latest", still installable by exact version).</summary>
    public const string Unlist = "package.unlist";

    /// <summary>An unlisted version was listed again.</summary>
    public const string Relist = "package.relist";

    /// <summary>A version's deprecation was set or changed (details: reasons, message, alternatePackage).</summary>
    public const string Deprecate = "package.deprecate";

    /// <summary>A version's deprecation was removed.</summary>
    public const string Undeprecate = "package.undeprecate";

    /// <summary>A version was yanked: ranges skip it, an exact version still installs it.</summary>
    public const string Yank = "package.yank";

    /// <summary>A yanked version was restored.</summary>
    public const string Unyank = "package.unyank";

    /// <summary>A version was deleted for good (its ID and version can never be published again).</summary>
    public const string Delete = "package.delete";
}
