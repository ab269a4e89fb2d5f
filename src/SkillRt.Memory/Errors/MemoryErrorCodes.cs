namespace SkillRt.Memory;

/// <summary>The stable codes of <see cref="MemoryException"/>; spec/MEMORY-SPEC.md ("Errors") says what to do about each.</summary>
public static class MemoryErrorCodes
{
    /// <summary>A namespace is malformed.</summary>
    public const string InvalidNamespace = "MEM0001";

    /// <summary>The kind is not registered.</summary>
    public const string UnknownKind = "MEM0002";

    /// <summary>The value breaks its kind's JSON Schema; <see cref="MemoryException.Errors"/> locates each problem.</summary>
    public const string SchemaViolation = "MEM0003";

    /// <summary>The value or text is larger than <see cref="SkillMemoryOptions.MaxValueBytes"/>.</summary>
    public const string TooLarge = "MEM0004";

    /// <summary>A tag is malformed, or there are too many.</summary>
    public const string InvalidTags = "MEM0005";

    /// <summary>A key or id is malformed.</summary>
    public const string InvalidKey = "MEM0006";

    /// <summary>A value filter is malformed (path, operator or operand).</summary>
    public const string InvalidFilter = "MEM0007";

    /// <summary>A cursor was altered, comes from another store, or from a query with other criteria.</summary>
    public const string InvalidCursor = "MEM0008";

    /// <summary>The memory is not at the expected version: someone else wrote it first.</summary>
    public const string VersionConflict = "MEM0009";

    /// <summary>No memory has that id in that namespace.</summary>
    public const string NotFound = "MEM0010";

    /// <summary>A kind definition is malformed, or conflicts with the one registered under its name.</summary>
    public const string InvalidKind = "MEM0011";

    /// <summary>A query or request field is out of range (page size, token budget, similarity, decay age, empty text).</summary>
    public const string InvalidRequest = "MEM0012";

    /// <summary>The store cannot be used: written by a newer SkillRt, not a memory store, damaged, or locked for too long.</summary>
    public const string StoreUnavailable = "MEM0013";

    /// <summary>The value is missing (an undefined JSON element) or the text is not acceptable.</summary>
    public const string InvalidValue = "MEM0014";
}
