namespace SkillRt;

/// <summary>
/// The rule for memory namespaces (spec section 16.2), shared by the validator, the memory stores and
/// the server so that a namespace a skill may declare is exactly a namespace a store accepts.
/// </summary>
public static class SkillMemoryNamespace
{
    /// <summary>The most segments a namespace has: <c>a/b/c/d/e/f/g/h</c>.</summary>
    public const int MaxSegments = 8;

    /// <summary>The longest a segment is, in characters.</summary>
    public const int MaxSegmentLength = 64;

    /// <summary>
    /// Why <paramref name="namespace"/> is not a memory namespace, or <see langword="null"/> when it is one:
    /// 1–8 segments separated by <c>/</c>, each 1–64 of <c>a-z</c>, <c>0-9</c> and <c>-</c>, with no
    /// leading, trailing or doubled <c>-</c>. A trailing <c>/*</c> (a grant's wildcard) is not part of it.
    /// </summary>
    /// <param name="namespace">The namespace, such as <c>acme/payments</c>.</param>
    public static string? Check(string @namespace)
    {
        if (@namespace is null || @namespace.Length == 0)
        {
            return "it is empty";
        }

        var segments = @namespace.Split('/');
        if (segments.Length > MaxSegments)
        {
            return $"it has {segments.Length} segments; the limit is {MaxSegments}";
        }

        foreach (var segment in segments)
        {
            if (segment.Length == 0)
            {
                return "a segment is empty (a leading, trailing or doubled '/')";
            }

            if (segment == "*")
            {
                return "'*' may only end a grant, as in 'acme/*'";
            }

            var problem = NameRules.CheckSkillName(segment);
            if (problem is not null)
            {
                return $"the segment '{segment}' is invalid: {problem}";
            }
        }

        return null;
    }
}
