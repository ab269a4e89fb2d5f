using System;
using System.Collections.Generic;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SkillRt.Tests.Reference;

/// <summary>
/// A second, independent YAML reader built on YamlDotNet's event stream, used only by tests: the
/// differential tests check that SkillRt's own YAML parser builds the same tree as YamlDotNet for
/// every input YamlDotNet accepts. (It was SkillRt's first frontmatter reader; it allocated too much
/// for the parse budget, see benchmarks/.)
/// </summary>
internal sealed class YamlDotNetReference
{
    private readonly List<SkillDiagnostic> _diagnostics;
    private readonly int _lineOffset;
    private readonly SourceSpan _end;
    private readonly Stack<Frame> _frames = new();
    private Dictionary<string, Anchored>? _anchors;
    private long _aliasExpansion;
    private FrontmatterNode? _root;
    private SourceSpan? _lastPosition;
    private int _documents;

    private YamlDotNetReference(List<SkillDiagnostic> diagnostics, int lineOffset, SourceSpan end)
    {
        _diagnostics = diagnostics;
        _lineOffset = lineOffset;
        _end = end;
    }

    /// <summary>
    /// Reads the YAML in <c>text[start..end)</c>, which begins at column 1 of <paramref name="firstLine"/>.
    /// Returns the top-level mapping, or <see langword="null"/> (with a diagnostic) when it cannot be used.
    /// </summary>
    public static FrontmatterMapping? Read(string text, int start, int end, int firstLine, List<SkillDiagnostic> diagnostics)
    {
        var reader = new YamlDotNetReference(diagnostics, firstLine - 1, EndOfLastLine(text, start, end, firstLine));
        var emptySpan = SourceSpan.At(firstLine, 1);
        try
        {
            if (!reader.ReadEvents(new Parser(new SubstringReader(text, start, end))))
            {
                return null;
            }
        }
        catch (YamlException exception)
        {
            diagnostics.Add(SkillDiagnosticDescriptors.YamlSyntaxError.Create(reader.ClampToFrontmatter(reader.ToSpan(exception.Start, exception.End)), Describe(exception)));
            return null;
        }
#pragma warning disable CA1031 // The parser promises never to throw on bad input; a bug must not break a build.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            // YamlDotNet's scanner throws InvalidOperationException and friends on some malformed
            // input instead of a YamlException; that is still a syntax error in the user's file.
            // Anything thrown by SkillRt's own code is a SkillRt bug and says so.
            var message = ThrownByYamlDotNet(exception)
                ? "the YAML is malformed after this point"
                : "internal error in the SkillRt parser (" + exception.GetType().Name + ": " + exception.Message + "); please report it";
            diagnostics.Add(SkillDiagnosticDescriptors.YamlSyntaxError.Create(reader.ClampToFrontmatter(reader._lastPosition ?? emptySpan), message));
            return null;
        }

        switch (reader._root)
        {
            case null:
                return new FrontmatterMapping([], emptySpan);
            case FrontmatterMapping mapping:
                return mapping;
            case FrontmatterScalar { IsNull: true } scalar:
                return new FrontmatterMapping([], scalar.Span);
            default:
                diagnostics.Add(SkillDiagnosticDescriptors.FrontmatterNotMapping.Create(reader._root.Span, reader._root.KindDescription));
                return null;
        }
    }

    // Errors found at the end of the input ("expected ']'") are reported past the last YAML line,
    // which is the closing '---'. Pointing at the end of the last YAML line is what a reader expects.
    private SourceSpan ClampToFrontmatter(SourceSpan span) =>
        span.StartLine > _end.StartLine || (span.StartLine == _end.StartLine && span.StartColumn > _end.StartColumn) ? _end : span;

    private static SourceSpan EndOfLastLine(string text, int start, int end, int firstLine)
    {
        // Skip the line break that ends the frontmatter, then find where the last line starts.
        var contentEnd = end;
        if (contentEnd > start && text[contentEnd - 1] == '\n')
        {
            contentEnd--;
        }

        if (contentEnd > start && text[contentEnd - 1] == '\r')
        {
            contentEnd--;
        }

        var lineStart = contentEnd;
        var lines = 0;
        while (lineStart > start && text[lineStart - 1] != '\n' && text[lineStart - 1] != '\r')
        {
            lineStart--;
        }

        for (var i = start; i < lineStart; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= lineStart || text[i + 1] != '\n')))
            {
                lines++;
            }
        }

        return SourceSpan.At(firstLine + lines, contentEnd - lineStart + 1);
    }

    private static bool ThrownByYamlDotNet(Exception exception)
    {
        // The first frame of the stack trace is the method that threw.
        var trace = exception.StackTrace;
        if (trace is null)
        {
            return false;
        }

        var at = trace.IndexOf("at ", StringComparison.Ordinal);
        return at >= 0 && string.CompareOrdinal(trace, at + 3, "YamlDotNet.", 0, "YamlDotNet.".Length) == 0;
    }

    private static string Describe(YamlException exception)
    {
        // Older YamlDotNet versions put "(Line: …) - (Line: …): " in front of the message; those
        // positions are relative to the frontmatter, so they are dropped and the span is used instead.
        var message = exception.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && marker > 0)
        {
            message = message.Substring(marker + 3);
        }

        return message.TrimEnd('.');
    }

    private bool ReadEvents(Parser parser)
    {
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            _lastPosition = ToSpan(current.End, current.End);
            switch (current)
            {
                case DocumentStart:
                    if (++_documents > 1)
                    {
                        _diagnostics.Add(SkillDiagnosticDescriptors.FrontmatterNotMapping.Create(ToSpan(current.Start, current.End), "more than one YAML document"));
                        return false;
                    }

                    break;
                case MappingStart mappingStart:
                    if (!Push(new Frame(isMapping: true, mappingStart.Start, mappingStart.Anchor), current))
                    {
                        return false;
                    }

                    break;
                case SequenceStart sequenceStart:
                    if (!Push(new Frame(isMapping: false, sequenceStart.Start, sequenceStart.Anchor), current))
                    {
                        return false;
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    var frame = _frames.Pop();
                    FrontmatterNode node = frame.IsMapping
                        ? new FrontmatterMapping(frame.Entries!, ToSpan(frame.Start, current.End))
                        : new FrontmatterSequence(frame.Items!, ToSpan(frame.Start, current.End));
                    if (!Complete(node, frame.Anchor, frame.Weight))
                    {
                        return false;
                    }

                    break;
                case Scalar scalar:
                    if (!Complete(CreateScalar(scalar), scalar.Anchor, 1))
                    {
                        return false;
                    }

                    break;
                case AnchorAlias alias:
                    if (!CompleteAlias(alias))
                    {
                        return false;
                    }

                    break;
            }
        }

        return true;
    }

    private bool Push(Frame frame, ParsingEvent current)
    {
        if (_frames.Count >= SkillParserLimits.MaxNestingDepth)
        {
            _diagnostics.Add(SkillDiagnosticDescriptors.NestingTooDeep.Create(ToSpan(current.Start, current.End), SkillParserLimits.MaxNestingDepth));
            return false;
        }

        if (!frame.Anchor.IsEmpty)
        {
            // Registered now so that an alias inside its own anchor is recognised as recursive.
            (_anchors ??= new Dictionary<string, Anchored>(StringComparer.Ordinal))[frame.Anchor.Value] = new Anchored(null, 0);
        }

        _frames.Push(frame);
        return true;
    }

    private bool CompleteAlias(AnchorAlias alias)
    {
        var span = ToSpan(alias.Start, alias.End);
        if (_anchors is null || !_anchors.TryGetValue(alias.Value.Value, out var anchored))
        {
            _diagnostics.Add(SkillDiagnosticDescriptors.UnsupportedYaml.Create(span, "Alias '*" + alias.Value.Value + "' refers to no anchor defined before it; define '&" + alias.Value.Value + "' first"));
            return false;
        }

        if (anchored.Node is null)
        {
            _diagnostics.Add(SkillDiagnosticDescriptors.UnsupportedYaml.Create(span, "Alias '*" + alias.Value.Value + "' is used inside its own anchor; recursive YAML is not allowed"));
            return false;
        }

        // The tree shares the anchored node instead of copying it; the count bounds what any
        // consumer that walks the tree (JSON conversion, schema checks) would have to expand.
        _aliasExpansion += anchored.Weight;
        if (_aliasExpansion > SkillParserLimits.MaxAliasExpansion)
        {
            _diagnostics.Add(SkillDiagnosticDescriptors.AliasExpansionLimit.Create(span, SkillParserLimits.MaxAliasExpansion));
            return false;
        }

        return Add(anchored.Node, anchored.Weight);
    }

    private bool Complete(FrontmatterNode node, AnchorName anchor, long weight)
    {
        if (!anchor.IsEmpty)
        {
            (_anchors ??= new Dictionary<string, Anchored>(StringComparer.Ordinal))[anchor.Value] = new Anchored(node, weight);
        }

        return Add(node, weight);
    }

    private bool Add(FrontmatterNode node, long weight)
    {
        if (_frames.Count == 0)
        {
            _root = node;
            return true;
        }

        var parent = _frames.Peek();
        parent.Weight = Math.Min(parent.Weight + weight, int.MaxValue);
        if (!parent.IsMapping)
        {
            parent.Items!.Add(node);
            return true;
        }

        if (parent.PendingKey is null)
        {
            if (node is not FrontmatterScalar key)
            {
                _diagnostics.Add(SkillDiagnosticDescriptors.UnsupportedYaml.Create(node.Span, "A mapping key must be a plain string, not " + node.KindDescription));
                return false;
            }

            parent.PendingKey = key;
            return true;
        }

        var pendingKey = parent.PendingKey;
        parent.PendingKey = null;
        if (parent.FindEntry(pendingKey.Value) is { } existing)
        {
            // The first definition wins; reporting keeps going so every duplicate is listed.
            _diagnostics.Add(SkillDiagnosticDescriptors.DuplicateKey.Create(pendingKey.Span, pendingKey.Value, existing.Key.Span.StartLine));
            return true;
        }

        parent.AddEntry(new FrontmatterEntry(pendingKey, node));
        return true;
    }

    private FrontmatterScalar CreateScalar(Scalar scalar)
    {
        FrontmatterScalarKind kind;
        if (!scalar.Tag.IsEmpty)
        {
            kind = scalar.Tag.Value switch
            {
                "tag:yaml.org,2002:null" => FrontmatterScalarKind.Null,
                "tag:yaml.org,2002:bool" => FrontmatterScalarKind.Boolean,
                "tag:yaml.org,2002:int" => FrontmatterScalarKind.Integer,
                "tag:yaml.org,2002:float" => FrontmatterScalarKind.Float,
                _ => FrontmatterScalarKind.String,
            };

            // An explicit tag must still agree with the text ("!!int abc" is just a string).
            if (kind != FrontmatterScalarKind.String && YamlScalars.Resolve(scalar.Value) != kind)
            {
                kind = FrontmatterScalarKind.String;
            }
        }
        else
        {
            kind = scalar.Style == ScalarStyle.Plain ? YamlScalars.Resolve(scalar.Value) : FrontmatterScalarKind.String;
        }

        return new FrontmatterScalar(scalar.Value, kind, ToSpan(scalar.Start, scalar.End));
    }

    private SourceSpan ToSpan(Mark start, Mark end) =>
        new((int)start.Line + _lineOffset, (int)start.Column, (int)end.Line + _lineOffset, (int)end.Column);

    private readonly struct Anchored
    {
        public Anchored(FrontmatterNode? node, long weight)
        {
            Node = node;
            Weight = weight;
        }

        public FrontmatterNode? Node { get; }

        public long Weight { get; }
    }

    private sealed class Frame
    {
        public Frame(bool isMapping, Mark start, AnchorName anchor)
        {
            IsMapping = isMapping;
            Start = start;
            Anchor = anchor;
            if (isMapping)
            {
                Entries = [];
            }
            else
            {
                Items = [];
            }
        }

        public bool IsMapping { get; }

        public Mark Start { get; }

        public AnchorName Anchor { get; }

        public List<FrontmatterEntry>? Entries { get; }

        public List<FrontmatterNode>? Items { get; }

        public FrontmatterScalar? PendingKey { get; set; }

        public long Weight { get; set; } = 1;

        // Real mappings have a handful of keys, where a scan is cheapest; an index is built only
        // for large ones so that a hostile file with many keys stays linear.
        private const int IndexThreshold = 16;

        private Dictionary<string, FrontmatterEntry>? _index;

        public FrontmatterEntry? FindEntry(string key)
        {
            if (_index is not null)
            {
                return _index.TryGetValue(key, out var found) ? found : null;
            }

            foreach (var entry in Entries!)
            {
                if (string.Equals(entry.Name, key, StringComparison.Ordinal))
                {
                    return entry;
                }
            }

            return null;
        }

        public void AddEntry(FrontmatterEntry entry)
        {
            Entries!.Add(entry);
            if (_index is not null)
            {
                _index.Add(entry.Name, entry);
            }
            else if (Entries.Count > IndexThreshold)
            {
                _index = new Dictionary<string, FrontmatterEntry>(StringComparer.Ordinal);
                foreach (var existing in Entries)
                {
                    _index.Add(existing.Name, existing);
                }
            }
        }
    }
}
