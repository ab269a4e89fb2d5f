namespace SkillRt.Generators;

/// <summary>The C# shape a JSON Schema (or an input type) maps to.</summary>
internal enum TypeKind
{
    String,
    Integer,
    Number,
    Boolean,
    Uri,
    File,
    Json,
    Record,
    Enum,
    Array,
    Map,

    /// <summary>An abstract record whose derived records are the branches of a <c>oneOf</c>/<c>anyOf</c>.</summary>
    Union,

    /// <summary>A closed <c>prefixItems</c> array: a <c>ValueTuple</c> with one typed position per item.</summary>
    Tuple,
}
