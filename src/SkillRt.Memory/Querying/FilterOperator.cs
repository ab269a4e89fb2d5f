namespace SkillRt.Memory;

/// <summary>The comparisons a <see cref="MemoryFilter"/> can make. Values of different JSON types are never equal or ordered.</summary>
public enum FilterOperator
{
    /// <summary>The JSON at the path equals the operand (same type and value).</summary>
    Equal = 0,

    /// <summary>The JSON at the path is missing or does not equal the operand.</summary>
    NotEqual = 1,

    /// <summary>A number or string less than the operand (strings by code point).</summary>
    LessThan = 2,

    /// <summary>A number or string less than or equal to the operand.</summary>
    LessThanOrEqual = 3,

    /// <summary>A number or string greater than the operand.</summary>
    GreaterThan = 4,

    /// <summary>A number or string greater than or equal to the operand.</summary>
    GreaterThanOrEqual = 5,

    /// <summary>The JSON at the path equals one of the operand array's items.</summary>
    In = 6,

    /// <summary>A string containing the operand string, or an array with an item equal to the operand.</summary>
    Contains = 7,

    /// <summary>Something (even null) is at the path.</summary>
    Exists = 8,
}
