namespace SkillRt;

/// <summary>What a skill produces.</summary>
public enum SkillOutputType
{
    /// <summary>Free text. The default.</summary>
    Text,

    /// <summary>A JSON value, optionally constrained by a JSON Schema.</summary>
    Json,

    /// <summary>A file the skill writes; the output is its path.</summary>
    File,
}
