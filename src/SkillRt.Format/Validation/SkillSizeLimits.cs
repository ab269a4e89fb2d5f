namespace SkillRt;

/// <summary>
/// The spec's size limits on what a skill declares (spec section 9.5). A skill within them
/// generates C# that compiles in seconds; one beyond them is an error (SKILL0901 to SKILL0906)
/// before any code is generated. They are generous: real skills stay far below every one.
/// </summary>
public static class SkillSizeLimits
{
    /// <summary>The most inputs a skill may declare (SKILL0901).</summary>
    public static int MaxInputs => 256;

    /// <summary>The most values one <c>enum</c> may list, in an input or a schema (SKILL0902).</summary>
    public static int MaxEnumValues => 1024;

    /// <summary>The most properties one object schema may name in <c>properties</c> (SKILL0903).</summary>
    public static int MaxProperties => 256;

    /// <summary>How deep schemas may nest inside one another, the outermost being level 1 (SKILL0904).</summary>
    public static int MaxSchemaDepth => 16;

    /// <summary>The most schemas one input or output schema may hold in all, itself included (SKILL0905).</summary>
    public static int MaxSchemaNodes => 2048;

    /// <summary>The longest a <c>pattern</c> may be, in characters (SKILL0906).</summary>
    public static int MaxPatternLength => 1024;
}
