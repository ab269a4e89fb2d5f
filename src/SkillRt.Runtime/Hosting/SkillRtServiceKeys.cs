namespace SkillRt.Hosting;

/// <summary>Keys of the parts SkillRt registers under a key, because their service types are too general to claim.</summary>
internal static class SkillRtServiceKeys
{
    /// <summary>
    /// The <see cref="System.Net.Http.HttpMessageHandler"/> <c>fetch_url</c> sends through. Internal on
    /// purpose: a handler that followed redirects itself would take the tool past the skill's hosts.
    /// </summary>
    public const string FetchUrlHandler = "SkillRt.FetchUrlHandler";
}
