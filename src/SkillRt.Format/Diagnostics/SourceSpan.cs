using System;

namespace SkillRt;

/// <summary>
/// A range of text in a SKILL.md file. Lines and columns are one-based, and columns count UTF-16
/// code units, the way the C# compiler reports positions. The end is exclusive.
/// </summary>
public readonly struct SourceSpan : IEquatable<SourceSpan>
{
    /// <summary>Creates a span from its start and end positions.</summary>
    public SourceSpan(int startLine, int startColumn, int endLine, int endColumn)
    {
        StartLine = startLine;
        StartColumn = startColumn;
        EndLine = endLine;
        EndColumn = endColumn;
    }

    /// <summary>The one-based line where the span starts.</summary>
    public int StartLine { get; }

    /// <summary>The one-based column where the span starts.</summary>
    public int StartColumn { get; }

    /// <summary>The one-based line where the span ends.</summary>
    public int EndLine { get; }

    /// <summary>The one-based column just past the span's last character.</summary>
    public int EndColumn { get; }

    /// <summary>A span covering a single position.</summary>
    public static SourceSpan At(int line, int column) => new(line, column, line, column);

    /// <inheritdoc />
    public bool Equals(SourceSpan other) =>
        StartLine == other.StartLine && StartColumn == other.StartColumn &&
        EndLine == other.EndLine && EndColumn == other.EndColumn;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SourceSpan other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() =>
        unchecked((((StartLine * 397) ^ StartColumn) * 397 ^ EndLine) * 397 ^ EndColumn);

    /// <summary>Formats the span as <c>(line,column)-(line,column)</c>.</summary>
    public override string ToString() => $"({StartLine},{StartColumn})-({EndLine},{EndColumn})";

    /// <summary>Compares two spans for equality.</summary>
    public static bool operator ==(SourceSpan left, SourceSpan right) => left.Equals(right);

    /// <summary>Compares two spans for inequality.</summary>
    public static bool operator !=(SourceSpan left, SourceSpan right) => !left.Equals(right);
}
