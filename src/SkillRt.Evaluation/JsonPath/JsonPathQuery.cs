using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SkillRt.Evaluation;

/// <summary>
/// A JSONPath query in the subset spec/EVAL-SPEC.md section 5 defines, a subset of RFC 9535: the root
/// <c>$</c>, members by name (<c>.verdict</c>, <c>['max-findings']</c>, <c>["a b"]</c>), array indices
/// (<c>[0]</c>, <c>[-1]</c> from the end) and the wildcard (<c>.*</c>, <c>[*]</c>). Nothing else: no
/// descendants (<c>..</c>), slices, unions or filters, which are refused when the file is read rather
/// than half-supported. Parsed once, evaluated over <see cref="JsonNode"/> trees any number of times.
/// </summary>
internal sealed class JsonPathQuery
{
    private readonly Segment[] _segments;

    private JsonPathQuery(string text, Segment[] segments)
    {
        Text = text;
        _segments = segments;
    }

    /// <summary>The query as written.</summary>
    public string Text { get; }

    /// <summary>Whether the query can select at most one node (no wildcard).</summary>
    public bool IsSingular => Array.TrueForAll(_segments, segment => segment.Kind != SegmentKind.Wildcard);

    /// <summary>Parses a query.</summary>
    /// <exception cref="JsonPathSyntaxException">The text is not in the subset; the message says where and why.</exception>
    public static JsonPathQuery Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var position = 0;
        if (text.Length == 0 || text[0] != '$')
        {
            throw new JsonPathSyntaxException("a query starts with '$', the whole output, such as $.verdict or $.findings[0].severity", 0);
        }

        position++;
        var segments = new List<Segment>();
        while (position < text.Length)
        {
            var c = text[position];
            if (c == '.')
            {
                position++;
                if (position < text.Length && text[position] == '.')
                {
                    throw new JsonPathSyntaxException("descendant segments ('..') are not supported; write the full path to the member", position - 1);
                }

                if (position < text.Length && text[position] == '*')
                {
                    segments.Add(Segment.Wildcard);
                    position++;
                    continue;
                }

                var start = position;
                if (position >= text.Length || !IsNameFirst(text[position]))
                {
                    throw new JsonPathSyntaxException("a member name must follow '.' (letters, digits, '_'; not starting with a digit); write other names as ['name']", position);
                }

                while (position < text.Length && IsNameChar(text[position]))
                {
                    position++;
                }

                segments.Add(Segment.Member(text.Substring(start, position - start)));
            }
            else if (c == '[')
            {
                position++;
                SkipBlanks(text, ref position);
                if (position >= text.Length)
                {
                    throw new JsonPathSyntaxException("'[' is not closed", position);
                }

                Segment segment;
                if (text[position] is '\'' or '"')
                {
                    segment = Segment.Member(ReadQuoted(text, ref position));
                }
                else if (text[position] == '*')
                {
                    position++;
                    segment = Segment.Wildcard;
                }
                else if (text[position] == '-' || char.IsAsciiDigit(text[position]))
                {
                    segment = Segment.Index(ReadIndex(text, ref position));
                }
                else if (text[position] == '?')
                {
                    throw new JsonPathSyntaxException("filter selectors ('[?…]') are not supported; select the array and use 'contains', or a fixed index", position);
                }
                else
                {
                    throw new JsonPathSyntaxException("a bracket holds a quoted name, an index or '*'", position);
                }

                SkipBlanks(text, ref position);
                if (position < text.Length && text[position] is ',' or ':')
                {
                    throw new JsonPathSyntaxException(text[position] == ',' ? "unions ('[a,b]') are not supported; write one assertion per member" : "slices ('[start:end]') are not supported; use an index or '*'", position);
                }

                if (position >= text.Length || text[position] != ']')
                {
                    throw new JsonPathSyntaxException("expected ']'", position);
                }

                position++;
                segments.Add(segment);
            }
            else
            {
                throw new JsonPathSyntaxException($"unexpected '{c}'; a segment starts with '.' or '['", position);
            }
        }

        return new JsonPathQuery(text, [.. segments]);
    }

    /// <summary>The nodes the query selects in <paramref name="root"/>, in document order (a JSON null is a null node).</summary>
    public IReadOnlyList<JsonPathMatch> Select(JsonNode? root)
    {
        var current = new List<JsonPathMatch> { new(root, "$") };
        foreach (var segment in _segments)
        {
            var next = new List<JsonPathMatch>();
            foreach (var match in current)
            {
                Apply(segment, match, next);
            }

            current = next;
            if (current.Count == 0)
            {
                break;
            }
        }

        return current;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static void Apply(Segment segment, JsonPathMatch match, List<JsonPathMatch> into)
    {
        switch (segment.Kind, match.Node)
        {
            case (SegmentKind.Member, JsonObject obj) when obj.TryGetPropertyValue(segment.Name!, out var value):
                into.Add(new JsonPathMatch(value, match.Location + "[" + Quote(segment.Name!) + "]"));
                break;
            case (SegmentKind.Index, JsonArray array):
                var index = segment.Number < 0 ? array.Count + segment.Number : segment.Number;
                if (index >= 0 && index < array.Count)
                {
                    into.Add(new JsonPathMatch(array[index], match.Location + "[" + index.ToString(CultureInfo.InvariantCulture) + "]"));
                }

                break;
            case (SegmentKind.Wildcard, JsonArray array):
                for (var i = 0; i < array.Count; i++)
                {
                    into.Add(new JsonPathMatch(array[i], match.Location + "[" + i.ToString(CultureInfo.InvariantCulture) + "]"));
                }

                break;
            case (SegmentKind.Wildcard, JsonObject obj):
                foreach (var property in obj)
                {
                    into.Add(new JsonPathMatch(property.Value, match.Location + "[" + Quote(property.Key) + "]"));
                }

                break;
        }
    }

    // Normalized paths (RFC 9535 section 2.7) quote names in single quotes.
    private static string Quote(string name)
    {
        var builder = new StringBuilder(name.Length + 2).Append('\'');
        foreach (var c in name)
        {
            _ = c switch
            {
                '\'' => builder.Append("\\'"),
                '\\' => builder.Append("\\\\"),
                _ when c < ' ' => builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => builder.Append(c),
            };
        }

        return builder.Append('\'').ToString();
    }

    private static string ReadQuoted(string text, ref int position)
    {
        var quote = text[position];
        var start = position;
        position++;
        var builder = new StringBuilder();
        while (position < text.Length && text[position] != quote)
        {
            var c = text[position];
            if (c == '\\')
            {
                position++;
                if (position >= text.Length)
                {
                    break;
                }

                var escaped = text[position];
                switch (escaped)
                {
                    case '\\' or '/' or '\'' or '"':
                        builder.Append(escaped);
                        break;
                    case 'b':
                        builder.Append('\b');
                        break;
                    case 'f':
                        builder.Append('\f');
                        break;
                    case 'n':
                        builder.Append('\n');
                        break;
                    case 'r':
                        builder.Append('\r');
                        break;
                    case 't':
                        builder.Append('\t');
                        break;
                    case 'u' when position + 4 < text.Length
                        && int.TryParse(text.AsSpan(position + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                        builder.Append((char)code);
                        position += 4;
                        break;
                    default:
                        throw new JsonPathSyntaxException($"'\\{escaped}' is not an escape; use \\\\, \\', \\\", \\n, \\t or \\uXXXX", position - 1);
                }

                position++;
                continue;
            }

            builder.Append(c);
            position++;
        }

        if (position >= text.Length)
        {
            throw new JsonPathSyntaxException($"the name starting here is not closed with {quote}", start);
        }

        position++;
        return builder.ToString();
    }

    private static int ReadIndex(string text, ref int position)
    {
        var start = position;
        if (text[position] == '-')
        {
            position++;
        }

        var digitsStart = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        var digits = position - digitsStart;
        if (digits == 0 || (digits > 1 && text[digitsStart] == '0') || (text[start] == '-' && text[digitsStart] == '0'))
        {
            throw new JsonPathSyntaxException("an index is a whole number without leading zeros, such as 0, 3 or -1", start);
        }

        return int.TryParse(text.AsSpan(start, position - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new JsonPathSyntaxException("the index is too large", start);
    }

    private static void SkipBlanks(string text, ref int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t' or '\n' or '\r')
        {
            position++;
        }
    }

    private static bool IsNameFirst(char c) => char.IsAsciiLetter(c) || c == '_' || c >= '\u0080';

    private static bool IsNameChar(char c) => IsNameFirst(c) || char.IsAsciiDigit(c);

    private enum SegmentKind
    {
        Member,
        Index,
        Wildcard,
    }

    private readonly record struct Segment(SegmentKind Kind, string? Name, int Number)
    {
        public static Segment Wildcard => new(SegmentKind.Wildcard, null, 0);

        public static Segment Member(string name) => new(SegmentKind.Member, name, 0);

        public static Segment Index(int number) => new(SegmentKind.Index, null, number);
    }
}
