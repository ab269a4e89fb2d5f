namespace SkillRt;

/// <summary>
/// The diagnostic IDs of SkillRt's experimental APIs, one per area, each with a link to what it
/// means. An API marked <c>[Experimental(Experimentals.…)]</c> may change in any release until its
/// area settles; calling it is a compile error (the ID) until the caller opts in with
/// <c>&lt;NoWarn&gt;$(NoWarn);SKILLRT001&lt;/NoWarn&gt;</c> or <c>#pragma warning disable SKILLRT001</c>.
/// IDs are never reused, as diagnostic IDs are not (docs/api.md).
/// </summary>
internal static class Experimentals
{
    private const string Base = "https://github.com/skillrt/skillrt/blob/main/docs/api.md#";

    /// <summary>Plugging in executors: <c>ISkillExecutor</c>, <c>SkillExecution</c>, <c>AddSkillExecutor</c>.</summary>
    public const string Executors = "SKILLRT001";

    /// <summary>Where <see cref="Executors"/> is explained.</summary>
    public const string ExecutorsUrl = Base + "skillrt001";

    /// <summary>Giving models extra tools: <c>ISkillToolProvider</c>, <c>SkillToolContext</c>, <c>AddSkillToolProvider</c>, <c>SkillToolKind.Provided</c>.</summary>
    public const string Tools = "SKILLRT002";

    /// <summary>Where <see cref="Tools"/> is explained.</summary>
    public const string ToolsUrl = Base + "skillrt002";
}
