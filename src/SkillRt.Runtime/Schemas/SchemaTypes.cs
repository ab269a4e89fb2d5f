using System;

namespace SkillRt.Schemas;

/// <summary>The JSON types a <c>type</c> keyword allows; <see cref="None"/> when it is absent.</summary>
[Flags]
internal enum SchemaTypes
{
    None = 0,
    Null = 1,
    Boolean = 2,
    Object = 4,
    Array = 8,
    Number = 16,
    String = 32,
    Integer = 64,
}
