namespace SkillRt;

/// <summary>A YAML scalar: a string, number, boolean or null, with its source text.</summary>
public sealed class FrontmatterScalar : FrontmatterNode
{
    internal FrontmatterScalar(string value, FrontmatterScalarKind kind, SourceSpan span)
        : base(span, 1)
    {
        Value = value;
        Kind = kind;
    }

    /// <summary>The scalar's text after YAML unquoting and folding.</summary>
    public string Value { get; }

    /// <summary>The type the scalar resolves to.</summary>
    public FrontmatterScalarKind Kind { get; }

    /// <summary>Whether this is a null (<c>null</c>, <c>~</c> or nothing at all).</summary>
    public bool IsNull => Kind == FrontmatterScalarKind.Null;

    /// <inheritdoc />
    internal override string KindDescription => Kind switch
    {
        FrontmatterScalarKind.Null => "null",
        FrontmatterScalarKind.Boolean => "a boolean",
        FrontmatterScalarKind.Integer => "an integer",
        FrontmatterScalarKind.Float => "a number",
        _ => "a string",
    };

    /// <inheritdoc />
    public override string ToString() => Value;
}
