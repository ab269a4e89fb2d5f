namespace SkillRt.Generators;

/// <summary>
/// One use of a type: its kind, the generated type's name for records and enums, the element type
/// for arrays and maps, whether JSON <c>null</c> is allowed, and the schema constraints checked
/// when a value is read. <see cref="Items"/> are a tuple's positions, in order; the first
/// <see cref="RequiredItems"/> must be there, the others are nullable.
/// </summary>
internal sealed record TypeRef(TypeKind Kind, string? Name = null, TypeRef? Element = null, bool AllowsNull = false, ConstraintSpec? Constraints = null, EquatableArray<TypeRef> Items = default, int RequiredItems = 0)
{
    public static TypeRef Json { get; } = new(TypeKind.Json);

    /// <summary>Whether the C# type is a struct, so a nullable use is <c>T?</c> over <c>Nullable&lt;T&gt;</c>.</summary>
    public bool IsValueType => Kind is TypeKind.Integer or TypeKind.Number or TypeKind.Boolean or TypeKind.Json or TypeKind.Enum or TypeKind.Tuple;
}
