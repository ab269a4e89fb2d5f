using System.Collections.Generic;

namespace SkillRt;

/// <summary>
/// Where each top-level entry of a YAML mapping sits in its text, as whole lines, so entries can be
/// moved between files verbatim. The text between <see cref="Start"/> and <see cref="End"/> is cut
/// into a preamble (comments and blank lines before the first entry), one chunk per entry, and a
/// postamble (a <c>...</c> document-end line and what follows it). Comment lines right above a key
/// travel with that key; other lines after an entry (blank lines, trailing comments) stay with it.
/// Concatenating the parts gives the text back exactly.
/// </summary>
internal sealed class FrontmatterLayout
{
    private readonly LineMap _lines;

    private FrontmatterLayout(string text, int start, int end, LineMap lines, List<Chunk> chunks, int postambleStart)
    {
        Text = text;
        Start = start;
        End = end;
        _lines = lines;
        Chunks = chunks;
        PostambleStart = postambleStart;
    }

    /// <summary>The whole text the spans refer to.</summary>
    public string Text { get; }

    /// <summary>Where the YAML starts in <see cref="Text"/>.</summary>
    public int Start { get; }

    /// <summary>Where the YAML ends in <see cref="Text"/> (exclusive).</summary>
    public int End { get; }

    /// <summary>The entries' chunks, in source order.</summary>
    public IReadOnlyList<Chunk> Chunks { get; }

    /// <summary>Where the preamble ends: the first chunk's start, or the postamble's when there is no entry.</summary>
    public int PreambleEnd => Chunks.Count > 0 ? Chunks[0].Start : PostambleStart;

    /// <summary>Where the <c>...</c> line starts, or <see cref="End"/> when there is none.</summary>
    public int PostambleStart { get; }

    /// <summary>
    /// Lays out the block mapping read from <c>text[start..end)</c>. Returns null, with the problem and
    /// where it is, when an entry does not start a line of its own at column 1 (a flow mapping, an
    /// indented root, properties in front of a key): such text cannot be cut into lines per entry.
    /// </summary>
    public static FrontmatterLayout? Create(string text, int start, int end, FrontmatterMapping mapping, out AgentSkillsProblem? problem)
    {
        problem = null;
        var lines = LineMap.Build(text);
        var chunks = new List<Chunk>(mapping.Entries.Count);
        var previousLastLine = lines.GetPosition(start).Line - 1;
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Span;
            if (key.StartColumn != 1 || key.StartLine <= previousLastLine)
            {
                problem = new AgentSkillsProblem(key, $"the key '{entry.Name}' does not start its own line at column 1; write the frontmatter as a block mapping, one 'key: value' per line with keys at the start of the line", inSidecar: false);
                return null;
            }

            // Comment lines just above the key describe it, so they move with it.
            var firstLine = key.StartLine;
            while (firstLine - 1 > previousLastLine && IsCommentLine(text, lines, firstLine - 1, end))
            {
                firstLine--;
            }

            chunks.Add(new Chunk(entry, lines.LineStart(firstLine)));
            previousLastLine = LastLine(entry);
        }

        var postambleStart = FindDocumentEnd(text, previousLastLine < lines.LineCount ? lines.LineStart(previousLastLine + 1) : end, end);
        for (var i = 0; i < chunks.Count; i++)
        {
            chunks[i].End = i + 1 < chunks.Count ? chunks[i + 1].Start : postambleStart;
        }

        return new FrontmatterLayout(text, start, end, lines, chunks, postambleStart);
    }

    /// <summary>
    /// Where a <c>...</c> document-end line starts in <c>text[from..end)</c>, or <paramref name="end"/>.
    /// YAML forbids content at column 1 that starts with <c>...</c>, so any such line is the marker.
    /// </summary>
    public static int FindDocumentEnd(string text, int from, int end)
    {
        var lineStart = from;
        while (lineStart < end)
        {
            if (lineStart + 3 <= end && string.CompareOrdinal(text, lineStart, "...", 0, 3) == 0 &&
                (lineStart + 3 == end || text[lineStart + 3] is ' ' or '\t' or '#' or '\r' or '\n'))
            {
                return lineStart;
            }

            lineStart = NextLine(text, lineStart, end);
        }

        return end;
    }

    /// <summary>Where the line after the one starting at <paramref name="lineStart"/> starts (LF, CRLF or lone CR), or <paramref name="end"/>.</summary>
    public static int NextLine(string text, int lineStart, int end)
    {
        var i = lineStart;
        while (i < end && text[i] is not ('\n' or '\r'))
        {
            i++;
        }

        if (i < end)
        {
            i += text[i] == '\r' && i + 1 < end && text[i + 1] == '\n' ? 2 : 1;
        }

        return i;
    }

    /// <summary>The offset in <see cref="Text"/> of a one-based line and column.</summary>
    public int Offset(int line, int column) => _lines.LineStart(line) + column - 1;

    /// <summary>The span of <c>Text[start..end)</c>.</summary>
    public SourceSpan SpanOf(int start, int end) => _lines.GetSpan(start, end);

    /// <summary>The offset where a node's span starts.</summary>
    public int StartOf(FrontmatterNode node) => Offset(node.Span.StartLine, node.Span.StartColumn);

    /// <summary>The offset just past a node's span.</summary>
    public int EndOf(FrontmatterNode node) => Offset(node.Span.EndLine, node.Span.EndColumn);

    /// <summary>The chunk of an entry, or null.</summary>
    public Chunk? Find(FrontmatterEntry entry)
    {
        foreach (var chunk in Chunks)
        {
            if (ReferenceEquals(chunk.Entry, entry))
            {
                return chunk;
            }
        }

        return null;
    }

    // The last line holding the entry's content. A value that is an alias has its span at the anchor,
    // earlier in the text: then the entry is its key's line.
    private static int LastLine(FrontmatterEntry entry)
    {
        var value = entry.Value.Span;
        if (value.StartLine < entry.Key.Span.StartLine ||
            (value.StartLine == entry.Key.Span.StartLine && value.StartColumn < entry.Key.Span.EndColumn))
        {
            return entry.Key.Span.StartLine;
        }

        return value.EndColumn == 1 && value.EndLine > value.StartLine ? value.EndLine - 1 : value.EndLine;
    }

    private static bool IsCommentLine(string text, LineMap lines, int line, int end)
    {
        for (var i = lines.LineStart(line); i < end && text[i] is not ('\n' or '\r'); i++)
        {
            if (text[i] is not (' ' or '\t'))
            {
                return text[i] == '#';
            }
        }

        return false;
    }

    /// <summary>The lines of one top-level entry: <c>Text[Start..End)</c>.</summary>
    internal sealed class Chunk
    {
        public Chunk(FrontmatterEntry entry, int start)
        {
            Entry = entry;
            Start = start;
        }

        /// <summary>The entry.</summary>
        public FrontmatterEntry Entry { get; }

        /// <summary>Where the chunk starts: its first line, a comment above the key or the key's line.</summary>
        public int Start { get; }

        /// <summary>Where the next chunk, the postamble or the end starts.</summary>
        public int End { get; set; }

        /// <summary>The chunk's text.</summary>
        public string TextOf(string text) => text.Substring(Start, End - Start);
    }
}
