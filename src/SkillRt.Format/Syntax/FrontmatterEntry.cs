namespace SkillRt;

/// <summary>One <c>key: value</c> pair of a YAML mapping.</summary>
public sealed class FrontmatterEntry
{
    internal FrontmatterEntry(FrontmatterScalar key, FrontmatterNode value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The key, with its position.</summary>
    public FrontmatterScalar Key { get; }

    /// <summary>The value.</summary>
    public FrontmatterNode Value { get; }

    /// <summary>The key's text.</summary>
    public string Name => Key.Value;
}
