using System;
using System.Collections.Generic;

namespace SkillRt;

/// <summary>
/// A YAML 1.2 parser for frontmatter that builds the positioned <see cref="FrontmatterNode"/> tree
/// directly. It covers what frontmatter uses (block and flow collections, plain, quoted and block
/// scalars, comments, anchors, aliases and tags) and reports anything else (explicit <c>?</c> keys,
/// directives, non-string keys) as a diagnostic. Working on the text itself, with no token or event
/// objects, keeps a 10 KB skill well inside the parse budget, and bounds depth and alias expansion.
/// One partial file per construct: block structure here, scalars, flow collections, node properties.
/// </summary>
internal sealed partial class YamlParser
{
    private readonly string _text;
    private readonly int _end;
    private readonly List<SkillDiagnostic> _diagnostics;
    private int _pos;
    private int _line;
    private int _lineStart;
    private int _depth;

    // The indentation of the block node that holds the current flow collection or quoted scalar:
    // their continuation lines must be indented more than it.
    private int _blockIndent = -1;

    // YAML limits keys written without '?' to 1024 characters; other parsers enforce it too.
    private const int MaxImplicitKeyLength = 1024;

    private YamlParser(string text, int start, int end, int firstLine, List<SkillDiagnostic> diagnostics)
    {
        _text = text;
        _end = end;
        _pos = start;
        _lineStart = start;
        _line = firstLine;
        _diagnostics = diagnostics;
    }

    /// <summary>
    /// Reads the YAML in <c>text[start..end)</c>, which begins at column 1 of <paramref name="firstLine"/>.
    /// Returns the top-level mapping, or <see langword="null"/> (with a diagnostic) when it cannot be used.
    /// </summary>
    public static FrontmatterMapping? Read(string text, int start, int end, int firstLine, List<SkillDiagnostic> diagnostics)
    {
        var parser = new YamlParser(text, start, end, firstLine, diagnostics);
        FrontmatterNode? root;
        try
        {
            parser.CheckCharacters(start);
            root = parser.ParseDocument();
        }
        catch (YamlSyntaxException exception)
        {
            diagnostics.Add(exception.Diagnostic);
            return null;
        }
#pragma warning disable CA1031 // The parser promises never to throw on bad input: a bug here must not break a build.
        catch (Exception exception) when (exception is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            diagnostics.Add(SkillDiagnosticDescriptors.YamlSyntaxError.Create(
                SourceSpan.At(parser._line, Math.Max(1, parser._pos - parser._lineStart + 1)),
                $"internal error in the SkillRt YAML parser ({exception.GetType().Name}: {exception.Message}); please report it with this file"));
            return null;
        }

        switch (root)
        {
            case null:
                return new FrontmatterMapping([], SourceSpan.At(firstLine, 1));
            case FrontmatterMapping mapping:
                return mapping;
            case FrontmatterScalar { IsNull: true } scalar:
                return new FrontmatterMapping([], scalar.Span);
            default:
                diagnostics.Add(SkillDiagnosticDescriptors.FrontmatterNotMapping.Create(root.Span, root.KindDescription));
                return null;
        }
    }

    private FrontmatterNode? ParseDocument()
    {
        if (!NextContent(out var indent))
        {
            return null;
        }

        if (Peek() == '%')
        {
            throw Unsupported(HereSpan(1), "YAML directives ('%…') are not supported in frontmatter; remove the line");
        }

        if (IsDocumentEnd())
        {
            throw Syntax(HereSpan(3), "'...' ends a YAML document; remove it, or put the frontmatter before it");
        }

        var root = ParseBlockNode(indent, parentIndent: -1);
        if (!NextContent(out _))
        {
            return root;
        }

        // '...' ends the document; anything after it would be a second document.
        if (_pos == _lineStart && IsDocumentEnd())
        {
            _pos += 3;
            SkipSpacesAndComment();
            if (!AtLineEnd())
            {
                throw Syntax(HereSpan(1), "unexpected text after '...'");
            }

            ConsumeLineBreak();
            if (!NextContent(out _))
            {
                return root;
            }

            throw new YamlSyntaxException(SkillDiagnosticDescriptors.FrontmatterNotMapping.Create(HereSpan(0), "more than one YAML document"));
        }

        throw Syntax(HereSpan(1), "this line is indented less than the value above it expects; check its indentation");
    }

    /// <summary>Parses the block node whose content starts at the current position, in column <paramref name="indent"/> (0-based).</summary>
    private FrontmatterNode ParseBlockNode(int indent, int parentIndent, bool hasProperties = false, bool isMappingValue = false)
    {
        var propertiesStart = Mark();
        if (Peek() is '&' or '!' && hasProperties)
        {
            throw Syntax(HereSpan(1), "this node already has an anchor or tag on the line above; a node has one of each at most");
        }

        if (IsDocumentEnd())
        {
            // '...' is never content; the document-level check reports what follows it.
            return EmptyScalar(Mark());
        }

        if (Peek() is '&' or '!')
        {
            var properties = ParseProperties();
            SkipSpaces();
            if (AtLineEnd() || Peek() == '#')
            {
                // "key: &anchor" with the node on the following lines.
                return Apply(properties, ParseNodeBelow(parentIndent, propertiesStart, hasProperties: true, isMappingValue));
            }

            if (!LineIsMappingKey())
            {
                return Apply(properties, ParseInlineValue(parentIndent, Mark(), isMappingValue));
            }

            // Properties in front of an implicit key belong to the key: parse the mapping from them.
            Reset(propertiesStart);
        }

        if (IsSequenceEntry())
        {
            return ParseBlockSequence(indent);
        }

        if (LineIsMappingKey())
        {
            return ParseBlockMapping(indent);
        }

        return ParseInlineValue(parentIndent, Mark(), isMappingValue);
    }

    private FrontmatterMapping ParseBlockMapping(int indent)
    {
        var start = Mark();
        Enter(start);
        var entries = new EntryList();
        var last = (Line: start.Line, Column: start.Column);
        while (true)
        {
            var key = ParseImplicitKey();
            var value = ParseMappingValue(indent);
            entries.Add(key, value, _diagnostics);
            last = (value.Span.EndLine, value.Span.EndColumn);
            if (!NextContent(out var next) || next < indent)
            {
                break;
            }

            if (next > indent)
            {
                throw Syntax(HereSpan(1), $"this line is indented more than the keys of its mapping (column {indent + 1}); align it with them or nest it under a key");
            }

            if (IsDocumentEnd())
            {
                break;
            }

            if (Peek() == '?' && IsBlank(Peek(1)))
            {
                throw Unsupported(HereSpan(1), "explicit keys ('? key') are not supported; write 'key: value'");
            }

            if (IsSequenceEntry() || !LineIsMappingKey())
            {
                throw Syntax(HereSpan(1), "expected 'key: value' here, like the lines above");
            }
        }

        _depth--;
        return new FrontmatterMapping(entries.ToList(), new SourceSpan(start.Line, start.Column, last.Line, last.Column));
    }

    private FrontmatterNode ParseMappingValue(int mappingIndent)
    {
        var afterColon = Mark();
        SkipSpaces();
        return AtLineEnd() || Peek() == '#'
            ? ParseNodeBelow(mappingIndent, afterColon, isMappingValue: true)
            : ParseInlineValue(mappingIndent, Mark(), isMappingValue: true);
    }

    /// <summary>
    /// The rest of the line is empty (or a comment): the node, if any, is on the following lines,
    /// indented more than its parent; a mapping value's list may also sit at its key's indentation.
    /// </summary>
    private FrontmatterNode ParseNodeBelow(int parentIndent, Position emptyAt, bool hasProperties = false, bool isMappingValue = false)
    {
        SkipSpacesAndComment();
        ConsumeLineBreak();
        if (!NextContent(out var childIndent))
        {
            return EmptyScalar(emptyAt);
        }

        if (childIndent > parentIndent)
        {
            return ParseBlockNode(childIndent, parentIndent, hasProperties, isMappingValue);
        }

        return isMappingValue && childIndent == parentIndent && IsSequenceEntry() ? ParseBlockSequence(childIndent) : EmptyScalar(emptyAt);
    }

    private FrontmatterSequence ParseBlockSequence(int indent)
    {
        var start = Mark();
        Enter(start);
        var items = new List<FrontmatterNode>();
        var last = (Line: start.Line, Column: start.Column);
        while (true)
        {
            var dash = Mark();
            _pos++;
            SkipSpaces();
            FrontmatterNode item;
            if (AtLineEnd() || Peek() == '#')
            {
                SkipSpacesAndComment();
                ConsumeLineBreak();
                item = NextContent(out var childIndent) && childIndent > indent ? ParseBlockNode(childIndent, indent) : EmptyScalar(dash);
            }
            else
            {
                // "- key: value" opens a mapping whose keys line up with this first key.
                item = ParseBlockNode(_pos - _lineStart, indent);
            }

            items.Add(item);
            last = (item.Span.EndLine, item.Span.EndColumn);
            if (!NextContent(out var next) || next < indent)
            {
                break;
            }

            if (next == indent)
            {
                if (IsSequenceEntry())
                {
                    continue;
                }

                // A same-indentation list under a key ends where the mapping's next key starts.
                break;
            }

            throw Syntax(HereSpan(1), $"this line is indented more than the '-' items of its list (column {indent + 1}); align it or nest it under an item");
        }

        _depth--;
        return new FrontmatterSequence(items, new SourceSpan(start.Line, start.Column, last.Line, last.Column));
    }

    /// <summary>A value on the same line as its key or dash, or a node after properties.</summary>
    private FrontmatterNode ParseInlineValue(int parentIndent, Position start, bool isMappingValue = false)
    {
        _blockIndent = parentIndent;
        FrontmatterNode node;
        switch (Peek())
        {
            case '|':
            case '>':
                // Block scalars consume their own lines and end at a line start.
                return ParseBlockScalar(parentIndent);
            case '[':
            case '{':
                node = ParseFlowCollection();
                break;
            case '"':
                node = ParseDoubleQuoted();
                break;
            case '\'':
                node = ParseSingleQuoted();
                if (Peek() is not (' ' or '\t' or '\n' or '\r' or '\0' or '#'))
                {
                    throw Syntax(HereSpan(1), "the single-quoted value ends before this text; write '' for an apostrophe inside single quotes, or use double quotes");
                }

                break;
            case '*':
                node = ParseAlias();
                break;
            case '&':
            case '!':
                var properties = ParseProperties();
                SkipSpaces();
                return Apply(properties, AtLineEnd() || Peek() == '#' ? ParseNodeBelow(parentIndent, start, hasProperties: true, isMappingValue) : ParseInlineValue(parentIndent, Mark()));
            case '-' when IsBlank(Peek(1)):
                throw Syntax(HereSpan(1), "a list cannot start on the same line as its key; put each '- item' on its own line below the key");
            case '?' when IsBlank(Peek(1)):
                throw Unsupported(HereSpan(1), "explicit keys ('? key') are not supported; write 'key: value'");
            case '@' or '`' or ',' or ']' or '}' or '%':
                // YAML indicators cannot start a plain scalar.
                throw Syntax(HereSpan(1), $"'{Peek()}' cannot start a plain value; put the value in quotes");
            default:
                node = ParsePlainScalar(flow: false, parentIndent);
                break;
        }

        FinishLine();
        return node;
    }

    /// <summary>After an inline value: only spaces and a comment may follow on its line.</summary>
    private void FinishLine()
    {
        if (_pos == _lineStart && _pos > 0)
        {
            return;
        }

        var beforeSpaces = _pos;
        SkipSpaces();
        if (Peek() == '#' && _pos > beforeSpaces)
        {
            SkipToLineEnd();
        }

        if (!AtLineEnd())
        {
            var problem = Peek() == ':'
                ? "a value cannot contain ': ' here; put the whole value in quotes, or nest the mapping on the next line"
                : "unexpected text after the value; put the whole value in quotes";
            throw Syntax(HereSpan(1), problem);
        }

        ConsumeLineBreak();
    }

    /// <summary>
    /// Moves to the next line that has content (skipping blank and comment-only lines) and puts the
    /// position on its first character. Returns false at the end of the frontmatter.
    /// When already on a content character at the start of a line's content, stays there.
    /// </summary>
    private bool NextContent(out int indent)
    {
        if (_pos != _lineStart && IsOnlySpacesBefore(_pos))
        {
            indent = _pos - _lineStart;
            return _pos < _end;
        }

        while (_pos < _end)
        {
            var lineStart = _pos;
            while (_pos < _end && _text[_pos] == ' ')
            {
                _pos++;
            }

            var c = Peek();
            if (c == '\t')
            {
                // YAML indents with spaces only; PyYAML and YamlDotNet reject a tab here even on a blank line.
                throw Syntax(HereSpan(1), "tabs cannot indent YAML; indent with spaces (and remove tabs from blank lines)");
            }

            if (c is '\n' or '\r' or '#' || _pos >= _end)
            {
                SkipToLineEnd();
                ConsumeLineBreak();
                continue;
            }

            indent = _pos - lineStart;
            return true;
        }

        indent = 0;
        return false;
    }

    private bool IsOnlySpacesBefore(int position)
    {
        for (var i = _lineStart; i < position; i++)
        {
            if (_text[i] != ' ')
            {
                return false;
            }
        }

        return true;
    }

    private bool IsSequenceEntry() => Peek() == '-' && IsBlank(Peek(1));

    private bool IsDocumentEnd() =>
        _pos == _lineStart && Peek() == '.' && Peek(1) == '.' && Peek(2) == '.' && IsBlank(Peek(3));

    /// <summary>Whether the content at the current position is an implicit key (<c>key:</c> followed by a space or line end).</summary>
    private bool LineIsMappingKey()
    {
        var i = _pos;

        // Properties in front of a key ("&a key: v") are skipped; a ':' inside a tag is not the key's.
        while (i < _end && _text[i] is '&' or '!')
        {
            while (i < _end && !IsBlank(_text[i]))
            {
                i++;
            }

            while (i < _end && _text[i] is ' ' or '\t')
            {
                i++;
            }
        }

        var keyStart = i;
        var c = i < _end ? _text[i] : '\0';
        if (c is '"' or '\'')
        {
            i = SkipQuotedOnLine(i, c);
            if (i < 0)
            {
                return false;
            }

            while (i < _end && (_text[i] == ' ' || _text[i] == '\t'))
            {
                i++;
            }

            return i < _end && _text[i] == ':' && IsBlank(i + 1 < _end ? _text[i + 1] : '\0');
        }

        if (c is '[' or '{')
        {
            var close = SkipFlowOnLine(i);
            if (close > 0)
            {
                var after = close;
                while (after < _end && _text[after] == ' ')
                {
                    after++;
                }

                if (after < _end && _text[after] == ':' && IsBlank(after + 1 < _end ? _text[after + 1] : '\0'))
                {
                    throw Unsupported(SpanOf(i, i + 1), "a mapping key must be a plain string, not " + (c == '[' ? "a list" : "a mapping"));
                }
            }

            return false;
        }

        if (c is '-' or '|' or '>' or '*' or '#' or '%' or '@' or '`' or ',' or ']' or '}' && (c != '-' || IsBlank(i + 1 < _end ? _text[i + 1] : '\0')))
        {
            return false;
        }

        for (; i < _end; i++)
        {
            c = _text[i];
            if (c is '\n' or '\r')
            {
                return false;
            }

            if (c == ':' && IsBlank(i + 1 < _end ? _text[i + 1] : '\0'))
            {
                if (i == keyStart)
                {
                    // YAML allows an empty (null) key; a frontmatter key never means that.
                    throw Unsupported(SpanOf(i, i + 1), "a key is missing before ':'; every key in frontmatter needs a name");
                }

                return true;
            }

            if (c == '#' && i > keyStart && _text[i - 1] is ' ' or '\t')
            {
                return false;
            }
        }

        return false;
    }

    private FrontmatterScalar ParseImplicitKey()
    {
        var properties = Peek() is '&' or '!' ? ParseProperties() : default;
        SkipSpaces();
        var start = Mark();
        FrontmatterScalar key;
        switch (Peek())
        {
            case '"':
                key = ParseDoubleQuoted();
                break;
            case '\'':
                key = ParseSingleQuoted();
                break;
            default:
                if (Peek() is ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`' ||
                    (Peek() is '-' or '?' or ':' && IsBlank(Peek(1))))
                {
                    throw Syntax(HereSpan(1), $"'{Peek()}' cannot start a key; put the key in quotes");
                }

                var keyStart = _pos;
                while (!(Peek() == ':' && IsBlank(Peek(1))))
                {
                    if (AtLineEnd() || (Peek() == '#' && _text[_pos - 1] is ' ' or '\t'))
                    {
                        throw Syntax(SpanOf(keyStart, _pos), "expected ':' after this key");
                    }

                    _pos++;
                }

                var keyEnd = _pos;
                while (keyEnd > keyStart && _text[keyEnd - 1] is ' ' or '\t')
                {
                    keyEnd--;
                }

                var text = _text.Substring(keyStart, keyEnd - keyStart);
                key = new FrontmatterScalar(text, YamlScalars.Resolve(text), SpanFrom(start, keyEnd));
                break;
        }

        SkipSpaces();
        if (Peek() != ':')
        {
            throw Syntax(HereSpan(1), "expected ':' after this key, on the same line");
        }

        if (_pos - start.Offset > MaxImplicitKeyLength)
        {
            throw Syntax(key.Span, $"a key can be at most {MaxImplicitKeyLength} characters long");
        }

        _pos++;
        return (FrontmatterScalar)Apply(properties, key);
    }

    /// <summary>Checks once, up front, for characters YAML does not allow anywhere in a stream.</summary>
    private void CheckCharacters(int start)
    {
        for (var i = start; i < _end; i++)
        {
            var c = _text[i];
            if (c < 0x20 ? c is not ('\t' or '\n' or '\r') : c is '\u007F' or (>= '\u0080' and <= '\u009F' and not '\u0085') or '\uFFFE' or '\uFFFF')
            {
                var (line, column) = LineMap.Build(_text.Substring(start, i - start)).GetPosition(i - start);
                var fileLine = _line + line - 1;
                var fileColumn = line == 1 ? i - _lineStart + 1 : column;
                throw Syntax(new SourceSpan(fileLine, fileColumn, fileLine, fileColumn + 1), $"the control character U+{(int)c:X4} is not allowed in YAML; remove it");
            }
        }
    }
}
