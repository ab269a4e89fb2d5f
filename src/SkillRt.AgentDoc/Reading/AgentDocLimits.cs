namespace SkillRt.AgentDoc;

/// <summary>The bounds the reader holds a file to, so hostile input gets a diagnostic rather than a hang.</summary>
public static class AgentDocLimits
{
    /// <summary>The largest agent-doc.yaml accepted, in bytes (16 MiB: the OpenAI API's is about 2 MB).</summary>
    public static int MaxFileBytes => 16 * 1024 * 1024;
}
