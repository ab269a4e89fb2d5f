namespace SkillRt;

/// <summary>The type a YAML scalar resolves to under the YAML 1.2 core schema.</summary>
public enum FrontmatterScalarKind
{
    /// <summary>Text: any quoted or block scalar, and plain scalars that are not one of the others.</summary>
    String,

    /// <summary><c>null</c>, <c>~</c> or an empty value.</summary>
    Null,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>A whole number, such as <c>42</c>, <c>-7</c>, <c>0x1F</c> or <c>0o17</c>.</summary>
    Integer,

    /// <summary>A number with a fraction or exponent, or <c>.inf</c> / <c>.nan</c>.</summary>
    Float,
}
