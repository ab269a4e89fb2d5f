namespace SkillRt.Memory;

/// <summary>One located problem with a memory's value or a request.</summary>
public sealed class MemoryError
{
    /// <summary>Creates an error.</summary>
    /// <param name="pointer">Where: a JSON Pointer (RFC 6901) into the value, empty for the whole value, or a request field such as <c>tags[2]</c>.</param>
    /// <param name="message">What is wrong.</param>
    public MemoryError(string pointer, string message)
    {
        Pointer = pointer;
        Message = message;
    }

    /// <summary>Where the problem is.</summary>
    public string Pointer { get; }

    /// <summary>What is wrong.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public override string ToString() => (Pointer.Length == 0 ? "(root)" : Pointer) + ": " + Message;
}
