namespace SkillRt.AgentDoc;

/// <summary>Constants of the agent-doc format (spec/AGENT-DOC-SPEC.md).</summary>
public static class AgentDocSpec
{
    /// <summary>The spec version this library reads and writes, the value of the top-level <c>agentDoc</c> key.</summary>
    public const string Version = "0.1";

    /// <summary>The conventional file name.</summary>
    public const string FileName = "agent-doc.yaml";

    /// <summary>How a shared schema is referred to: this prefix and its name, <c>#/schemas/Name</c>.</summary>
    public const string SchemaReferencePrefix = "#/schemas/";

    /// <summary>The prefix of a content hash: the hash is <c>sha256:</c> and 64 lowercase hex digits.</summary>
    public const string HashPrefix = "sha256:";
}
