using System;
using System.Collections.Generic;

namespace SkillRt;

/// <summary>Node properties (anchors and tags), aliases, duplicate keys, nesting depth and errors.</summary>
internal sealed partial class YamlParser
{
    private Dictionary<string, Anchored>? _anchors;
    private long _aliasExpansion;

    /// <summary>An anchor and a tag written in front of a node (<c>&amp;name !!str</c>); either may be absent.</summary>
    private readonly struct Properties
    {
        public Properties(string? anchor, string? tag)
        {
            Anchor = anchor;
            Tag = tag;
        }

        public string? Anchor { get; }

        public string? Tag { get; }
    }

    private readonly struct Anchored
    {
        public Anchored(FrontmatterNode? node, long weight)
        {
            Node = node;
            Weight = weight;
        }

        /// <summary>The node, or null while it is still being parsed (an alias to it then is recursive).</summary>
        public FrontmatterNode? Node { get; }

        /// <summary>How many nodes the anchored node stands for when expanded.</summary>
        public long Weight { get; }
    }

    private Properties ParseProperties()
    {
        string? anchor = null;
        string? tag = null;
        while (Peek() is '&' or '!')
        {
            if (Peek() == '&')
            {
                if (anchor is not null)
                {
                    throw Syntax(HereSpan(1), "a node can have only one anchor");
                }

                var start = ++_pos;
                anchor = ReadName(start, "anchor");

                // Registered now so that an alias inside the anchored node is recognised as recursive.
                (_anchors ??= new Dictionary<string, Anchored>(StringComparer.Ordinal))[anchor] = new Anchored(null, 0);
            }
            else
            {
                if (tag is not null)
                {
                    throw Syntax(HereSpan(1), "a node can have only one tag");
                }

                tag = ReadTag();
                if (!IsBlank(Peek()))
                {
                    throw Syntax(HereSpan(1), "a tag must be followed by a space");
                }
            }

            if (!IsBlank(Peek()) && Peek() is not (',' or ']' or '}'))
            {
                throw Syntax(HereSpan(1), "an anchor must be followed by a space");
            }

            SkipSpaces();
        }

        if (Peek() == '*')
        {
            throw Syntax(HereSpan(1), "an alias cannot have an anchor or a tag; remove them");
        }

        return new Properties(anchor, tag);
    }

    private string ReadName(int start, string what)
    {
        while (_pos < _end && !IsBlank(_text[_pos]) && _text[_pos] is not (',' or '[' or ']' or '{' or '}'))
        {
            _pos++;
        }

        if (_pos == start)
        {
            throw Syntax(SpanOf(start - 1, start), $"the {what} has no name; write it as {(what == "anchor" ? "&name" : "*name")}");
        }

        return _text.Substring(start, _pos - start);
    }

    /// <summary>
    /// Reads a shorthand tag (<c>!</c>, <c>!local</c>, <c>!!str</c>) and returns it in full form:
    /// <c>!!str</c> becomes <c>tag:yaml.org,2002:str</c>. Verbatim tags (<c>!&lt;…&gt;</c>) and tag
    /// handles are not used in frontmatter and are reported as unsupported.
    /// </summary>
    private string ReadTag()
    {
        var start = _pos;
        if (Peek(1) == '<')
        {
            throw Unsupported(HereSpan(2), "verbatim tags ('!<…>') are not supported in frontmatter; use '!!str' and the like, or no tag");
        }

        _pos += Peek(1) == '!' ? 2 : 1;
        while (_pos < _end && !IsBlank(_text[_pos]) && _text[_pos] is not (',' or '[' or ']' or '{' or '}'))
        {
            if (!IsTagCharacter(_text[_pos]))
            {
                throw Syntax(HereSpan(1), $"'{_text[_pos]}' cannot appear in a tag; tags are written like '!!str'");
            }

            _pos++;
        }

        var tag = _text.Substring(start, _pos - start);
        return tag.StartsWith("!!", StringComparison.Ordinal) ? "tag:yaml.org,2002:" + tag.Substring(2) : tag;
    }

    // URI characters YAML allows in a shorthand tag, less '!' (which would start a named handle).
    private static bool IsTagCharacter(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~' or ':' or '/' or
            '?' or '@' or '&' or '=' or '+' or '$' or ';' or '*' or '(' or ')' or '%' or '\'';

    /// <summary>Applies properties to a parsed node: a tag may retype a scalar, an anchor registers the node.</summary>
    private FrontmatterNode Apply(Properties properties, FrontmatterNode node)
    {
        if (properties.Tag is not null && node is FrontmatterScalar scalar)
        {
            node = Retag(scalar, properties.Tag);
        }

        if (properties.Anchor is not null)
        {
            _anchors![properties.Anchor] = new Anchored(node, node.ExpandedSize);
        }

        return node;
    }

    private static FrontmatterScalar Retag(FrontmatterScalar scalar, string tag)
    {
        var kind = tag switch
        {
            "tag:yaml.org,2002:null" => FrontmatterScalarKind.Null,
            "tag:yaml.org,2002:bool" => FrontmatterScalarKind.Boolean,
            "tag:yaml.org,2002:int" => FrontmatterScalarKind.Integer,
            "tag:yaml.org,2002:float" => FrontmatterScalarKind.Float,
            _ => FrontmatterScalarKind.String,
        };

        // An explicit tag must still agree with the text ("!!int abc" stays a string); an integer's
        // text is a valid float ("!!float 1" is 1.0).
        var resolved = YamlScalars.Resolve(scalar.Value);
        var decimalInteger = resolved == FrontmatterScalarKind.Integer && !scalar.Value.StartsWith("0x", StringComparison.Ordinal) && !scalar.Value.StartsWith("0o", StringComparison.Ordinal);
        if (kind != FrontmatterScalarKind.String && resolved != kind && !(kind == FrontmatterScalarKind.Float && decimalInteger))
        {
            kind = FrontmatterScalarKind.String;
        }

        return kind == scalar.Kind ? scalar : new FrontmatterScalar(scalar.Value, kind, scalar.Span);
    }

    private FrontmatterNode ParseAlias()
    {
        var start = _pos;
        _pos++;
        var name = ReadName(_pos, "alias");
        var span = SpanOf(start, _pos);
        if (_anchors is null || !_anchors.TryGetValue(name, out var anchored))
        {
            throw Unsupported(span, $"Alias '*{name}' refers to no anchor defined before it; define '&{name}' first");
        }

        if (anchored.Node is null)
        {
            throw Unsupported(span, $"Alias '*{name}' is used inside its own anchor; recursive YAML is not allowed");
        }

        // The tree shares the anchored node instead of copying it; the count bounds what any
        // consumer that walks the tree (JSON conversion, schema checks) would have to expand.
        _aliasExpansion += anchored.Weight;
        if (_aliasExpansion > SkillParserLimits.MaxAliasExpansion)
        {
            throw new YamlSyntaxException(SkillDiagnosticDescriptors.AliasExpansionLimit.Create(span, SkillParserLimits.MaxAliasExpansion));
        }

        return anchored.Node;
    }

    private void Enter(Position start)
    {
        if (++_depth > SkillParserLimits.MaxNestingDepth)
        {
            throw new YamlSyntaxException(SkillDiagnosticDescriptors.NestingTooDeep.Create(SourceSpan.At(start.Line, start.Column), SkillParserLimits.MaxNestingDepth));
        }
    }

    private static FrontmatterScalar EmptyScalar(Position at) =>
        new(string.Empty, FrontmatterScalarKind.Null, SourceSpan.At(at.Line, at.Column));

    private static YamlSyntaxException Syntax(SourceSpan span, string message) =>
        new(SkillDiagnosticDescriptors.YamlSyntaxError.Create(span, message));

    private static YamlSyntaxException Unsupported(SourceSpan span, string message) =>
        new(SkillDiagnosticDescriptors.UnsupportedYaml.Create(span, message));

    /// <summary>
    /// The entries of one mapping, in order. Duplicate keys are reported and dropped (the first wins).
    /// Real mappings have a handful of keys, where a scan is cheapest; an index is built only for
    /// large ones so that a hostile file with many keys stays linear.
    /// </summary>
    private sealed class EntryList
    {
        private const int IndexThreshold = 16;
        private readonly List<FrontmatterEntry> _entries = new(8);
        private Dictionary<string, FrontmatterEntry>? _index;

        public void Add(FrontmatterScalar key, FrontmatterNode value, List<SkillDiagnostic> diagnostics)
        {
            if (Find(key.Value) is { } existing)
            {
                diagnostics.Add(SkillDiagnosticDescriptors.DuplicateKey.Create(key.Span, key.Value, existing.Key.Span.StartLine));
                return;
            }

            var entry = new FrontmatterEntry(key, value);
            _entries.Add(entry);
            if (_index is not null)
            {
                _index.Add(entry.Name, entry);
            }
            else if (_entries.Count > IndexThreshold)
            {
                _index = new Dictionary<string, FrontmatterEntry>(StringComparer.Ordinal);
                foreach (var e in _entries)
                {
                    _index.Add(e.Name, e);
                }
            }
        }

        public List<FrontmatterEntry> ToList() => _entries;

        private FrontmatterEntry? Find(string key)
        {
            if (_index is not null)
            {
                return _index.TryGetValue(key, out var found) ? found : null;
            }

            foreach (var entry in _entries)
            {
                if (string.Equals(entry.Name, key, StringComparison.Ordinal))
                {
                    return entry;
                }
            }

            return null;
        }
    }
}
