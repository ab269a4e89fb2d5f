using System;

namespace SkillRt.Evaluation;

/// <summary>A JSONPath outside the supported subset; <see cref="Position"/> is the zero-based offset of the problem.</summary>
internal sealed class JsonPathSyntaxException(string message, int position) : Exception(message)
{
    /// <summary>Where in the query text the problem is (zero-based).</summary>
    public int Position { get; } = position;
}
