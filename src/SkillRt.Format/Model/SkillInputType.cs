namespace SkillRt;

/// <summary>The type of a skill input.</summary>
public enum SkillInputType
{
    /// <summary>Text. The default when no type is given.</summary>
    String,

    /// <summary>Any JSON number.</summary>
    Number,

    /// <summary>A whole number.</summary>
    Integer,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A path to a file.</summary>
    File,

    /// <summary>An absolute URL.</summary>
    Url,

    /// <summary>Any JSON value, optionally constrained by a JSON Schema.</summary>
    Json,
}
