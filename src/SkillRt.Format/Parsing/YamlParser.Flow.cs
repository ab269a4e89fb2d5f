using System.Collections.Generic;

namespace SkillRt;

/// <summary>Flow collections: <c>[a, b]</c> and <c>{key: value}</c>, which may span lines.</summary>
internal sealed partial class YamlParser
{
    private FrontmatterNode ParseFlowCollection() => Peek() == '[' ? ParseFlowSequence() : ParseFlowMapping();

    private FrontmatterSequence ParseFlowSequence()
    {
        var start = Mark();
        Enter(start);
        _pos++;
        var items = new List<FrontmatterNode>();
        while (true)
        {
            SkipFlowWhitespace(start, ']');
            if (Peek() == ']')
            {
                break;
            }

            var item = ParseFlowNode(start, ']');
            SkipFlowWhitespace(start, ']');
            if (Peek() == ':')
            {
                throw Unsupported(HereSpan(1), "a 'key: value' pair inside a list is not supported; write it as a mapping: [{key: value}]");
            }

            items.Add(item);
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            if (Peek() != ']')
            {
                throw Syntax(HereSpan(1), "expected ',' or ']' in the list");
            }

            break;
        }

        _pos++;
        _depth--;
        return new FrontmatterSequence(items, SpanFrom(start, _pos));
    }

    private FrontmatterMapping ParseFlowMapping()
    {
        var start = Mark();
        Enter(start);
        _pos++;
        var entries = new EntryList();
        while (true)
        {
            SkipFlowWhitespace(start, '}');
            if (Peek() == '}')
            {
                break;
            }

            if (Peek() == '?' && IsBlank(Peek(1)))
            {
                throw Unsupported(HereSpan(1), "explicit keys ('? key') are not supported; write 'key: value'");
            }

            var jsonLikeKey = Peek() is '"' or '\'' or '[' or '{';
            var keyLine = _line;
            var keyNode = ParseFlowNode(start, '}');
            if (keyNode is not FrontmatterScalar key)
            {
                throw Unsupported(keyNode.Span, "a mapping key must be a plain string, not " + keyNode.KindDescription);
            }

            SkipFlowWhitespace(start, '}');
            if (Peek() == ':' && _line != keyLine)
            {
                throw Syntax(HereSpan(1), "a key and its ':' must be on one line");
            }

            FrontmatterNode value;
            if (Peek() == ':' && !IsBlank(Peek(1)) && Peek(1) is not (',' or '}') && !jsonLikeKey)
            {
                // Only a quoted key may be followed by ':' without a space ({"a":1}, as in JSON).
                throw Syntax(HereSpan(1), "put a space after ':' in a mapping");
            }

            if (Peek() == ':')
            {
                var afterColon = Mark();
                _pos++;
                SkipFlowWhitespace(start, '}');
                value = Peek() is ',' or '}' ? EmptyScalar(afterColon) : ParseFlowNode(start, '}');
                SkipFlowWhitespace(start, '}');
            }
            else
            {
                // "{a, b}": a key with no value is null.
                value = EmptyScalar(Mark());
            }

            entries.Add(key, value, _diagnostics);
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            if (Peek() != '}')
            {
                throw Syntax(HereSpan(1), "expected ',' or '}' in the mapping");
            }

            break;
        }

        _pos++;
        _depth--;
        return new FrontmatterMapping(entries.ToList(), SpanFrom(start, _pos));
    }

    private FrontmatterNode ParseFlowNode(Position collectionStart, char closer)
    {
        var properties = Peek() is '&' or '!' ? ParseProperties() : default;
        if (properties.Anchor is not null || properties.Tag is not null)
        {
            SkipFlowWhitespace(collectionStart, closer);
            if (Peek() is '&' or '!')
            {
                throw Syntax(HereSpan(1), "a node has one anchor and one tag at most, written together before it");
            }

            if (Peek() is ',' or ']' or '}')
            {
                // "[&a ]": properties with no content make an empty (null) node.
                return Apply(properties, EmptyScalar(Mark()));
            }
        }

        FrontmatterNode node = Peek() switch
        {
            '[' or '{' => ParseFlowCollection(),
            '"' => ParseDoubleQuoted(),
            '\'' => ParseSingleQuoted(),
            '*' => ParseAlias(),
            ',' or ']' or '}' => throw Syntax(HereSpan(1), closer == ']' ? "an item of the list is empty; remove the extra ','" : "a key of the mapping is empty; remove the extra ','"),
            ':' => throw Syntax(HereSpan(1), "a value inside [ ] or { } cannot start with ':'; put it in quotes, or add the missing key"),
            '?' when IsBlank(Peek(1)) => throw Unsupported(HereSpan(1), "explicit keys ('? key') are not supported; write 'key: value'"),
            '-' when IsBlank(Peek(1)) => throw Syntax(HereSpan(1), "'- ' items cannot appear inside [ ] or { }; separate items with commas"),
            '-' or '?' when Peek(1) is ',' or '[' or ']' or '{' or '}' => throw Syntax(HereSpan(1), $"'{Peek()}' alone cannot be a value inside [ ] or {{ }}; put it in quotes"),
            '@' or '`' or '|' or '>' or '#' or '%' => throw Syntax(HereSpan(1), $"'{Peek()}' cannot start a value inside [ ] or {{ }}; put the value in quotes"),
            _ => ParseFlowPlainScalar(collectionStart),
        };

        return properties.Anchor is null && properties.Tag is null ? node : Apply(properties, node);
    }

    /// <summary>A plain scalar inside a flow collection; it may continue on the next lines.</summary>
    private FrontmatterScalar ParseFlowPlainScalar(Position collectionStart)
    {
        var scalar = ParsePlainScalar(flow: true, parentIndent: _blockIndent);
        if (scalar.Value.Length == 0)
        {
            throw Syntax(HereSpan(1), $"unexpected '{Peek()}' in the collection that starts at line {collectionStart.Line}, column {collectionStart.Column}");
        }

        return scalar;
    }

    /// <summary>Skips spaces, line breaks and comments inside a flow collection; the end of the text there means it was never closed.</summary>
    private void SkipFlowWhitespace(Position collectionStart, char closer)
    {
        while (true)
        {
            if (_pos >= _end)
            {
                var what = closer == ']' ? "list" : "mapping";
                throw Syntax(SourceSpan.At(collectionStart.Line, collectionStart.Column), $"the {what} that starts here is never closed with '{closer}'");
            }

            var c = _text[_pos];
            if (c is ' ' or '\t')
            {
                _pos++;
            }
            else if (c is '\n' or '\r')
            {
                ConsumeLineBreak();
                SkipSpaces();
                if (Peek() is not ('#' or '\n' or '\r'))
                {
                    CheckContinuationIndent();
                }
            }
            else if (c == '#' && (_pos == _lineStart || _text[_pos - 1] is ' ' or '\t'))
            {
                SkipToLineEnd();
            }
            else
            {
                return;
            }
        }
    }
}
