using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace SkillRt.Cli.Output;

/// <summary>
/// A plain-text table: columns padded to their widest cell, the last column left ragged so long
/// descriptions do not pad every line, and cut with an ellipsis where the table has a width to fit.
/// Enough for a terminal, and stable for scripts that cut columns.
/// </summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    public TextTable(params string[] headers) => _headers = headers;

    public int Count => _rows.Count;

    /// <summary>Text on one line: YAML descriptions and server messages may hold line breaks, a table row or field may not.</summary>
    public static string OneLine(string? text) =>
        text is null ? string.Empty : string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public void Add(params string[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"Expected {_headers.Length} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>The narrowest the last column is cut to, however little room the other columns leave.</summary>
    public const int MinimumLastColumnWidth = 20;

    /// <summary>Writes the table.</summary>
    /// <param name="output">Where to.</param>
    /// <param name="maxWidth">The width to fit by cutting the last column (never below <see cref="MinimumLastColumnWidth"/>); null leaves it whole.</param>
    public Task WriteAsync(TextWriter output, int? maxWidth = null)
    {
        var widths = new int[_headers.Length];
        foreach (var row in _rows.Prepend(_headers))
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var text = new StringBuilder();
        foreach (var row in _rows.Prepend(_headers))
        {
            for (var i = 0; i < row.Length; i++)
            {
                var last = i == row.Length - 1;
                text.Append(last ? Cut(row[i], LastColumnWidth(widths, maxWidth)) : row[i].PadRight(widths[i] + 2));
            }

            // Trailing spaces (an empty last cell) are trimmed so output diffs cleanly.
            var end = text.Length;
            while (end > 0 && text[end - 1] == ' ')
            {
                end--;
            }

            text.Length = end;
            text.Append('\n');
        }

        return output.WriteAsync(text.ToString());
    }

    private static int? LastColumnWidth(int[] widths, int? maxWidth)
    {
        if (maxWidth is not { } width)
        {
            return null;
        }

        var before = 0;
        for (var i = 0; i < widths.Length - 1; i++)
        {
            before += widths[i] + 2;
        }

        return Math.Max(MinimumLastColumnWidth, width - before);
    }

    // At most `width` characters, the last of them an ellipsis when anything was cut; a surrogate pair is never split.
    private static string Cut(string cell, int? width)
    {
        if (width is not { } limit || cell.Length <= limit)
        {
            return cell;
        }

        var keep = limit - 1;
        if (keep > 0 && char.IsHighSurrogate(cell[keep - 1]))
        {
            keep--;
        }

        return cell[..keep].TrimEnd() + "…";
    }
}
