namespace SkillRt.Registry.Publishing;

/// <summary>How a publish, unlist or relist ended: the <c>skillrt.registry.outcome</c> tag of the registry's counters.</summary>
internal static class PublishOutcome
{
    public const string Published = "published";
    public const string Invalid = "invalid";
    public const string TooLarge = "too_large";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string Changed = "changed";
}
