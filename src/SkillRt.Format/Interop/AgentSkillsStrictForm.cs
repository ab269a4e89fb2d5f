using System;
using System.Collections.Generic;
using System.Text;

namespace SkillRt;

/// <summary>
/// Puts the Agent Skills keys of a frontmatter into the form a strict Agent Skills validator accepts
/// (the reference validator reads YAML with strictyaml, which also rejects flow collections, tags,
/// anchors and aliases): <c>name</c>, <c>description</c>, <c>license</c> and <c>compatibility</c>
/// as strings within their limits, <c>metadata</c> as a block mapping of strings, and
/// <c>allowed-tools</c> as one space-separated string. Values are rewritten only where the text
/// SkillRt reads stays the same (a number quoted, a list joined); anything else is a problem.
/// </summary>
internal sealed class AgentSkillsStrictForm
{
    private const int MaxDescriptionLength = 1024;
    private const int MaxCompatibilityLength = 500;

    private readonly FrontmatterLayout _layout;

    public AgentSkillsStrictForm(FrontmatterLayout layout) => _layout = layout;

    /// <summary>What cannot be made strict.</summary>
    public List<AgentSkillsProblem> Problems { get; } = [];

    /// <summary>The keys whose text was rewritten.</summary>
    public List<string> RewrittenKeys { get; } = [];

    /// <summary>
    /// The chunk's text in the strict form (itself when it already is), or null when a problem was
    /// recorded. The entry must be an Agent Skills key with a value.
    /// </summary>
    public string? Rewrite(FrontmatterLayout.Chunk chunk)
    {
        var entry = chunk.Entry;
        var edits = new List<Edit>();
        var problems = Problems.Count;
        switch (entry.Name)
        {
            case "metadata":
                Metadata(entry, edits);
                break;
            case "allowed-tools":
                AllowedTools(entry, edits);
                break;
            default:
                if (Text(entry.Key, entry.Value, entry.Name, edits) is { } value)
                {
                    CheckLimits(entry, value);
                }

                break;
        }

        if (Problems.Count > problems)
        {
            return null;
        }

        var text = chunk.TextOf(_layout.Text);
        if (edits.Count > 0)
        {
            RewrittenKeys.Add(entry.Name);
            edits.Sort((left, right) => left.Start.CompareTo(right.Start));
            var builder = new StringBuilder(chunk.End - chunk.Start + 32);
            var at = chunk.Start;
            foreach (var edit in edits)
            {
                builder.Append(_layout.Text, at, edit.Start - at).Append(edit.Replacement);
                at = edit.End;
            }

            text = builder.Append(_layout.Text, at, chunk.End - at).ToString();
        }

        // Values holding one were quoted above; one left over sits in a comment or between tokens.
        if (YamlStringWriter.HasYaml11LineBreak(text, 0, text.Length))
        {
            Problem(entry.Key.Span, $"the lines of '{entry.Name}' hold a NEL, LS or PS character (U+0085, U+2028, U+2029) outside its value, which YAML 1.1 readers take for a line break; remove it");
            return null;
        }

        return text;
    }

    /// <summary>Checks a string value (quoting it when it is a number or boolean); returns its text, or null after a problem.</summary>
    private string? Text(FrontmatterScalar key, FrontmatterNode value, string what, List<Edit> edits)
    {
        if (!HasPlainProperties(key, value, what))
        {
            return null;
        }

        if (value is not FrontmatterScalar { IsNull: false } scalar)
        {
            Problem(value.Span, $"'{what}' is {value.KindDescription}; Agent Skills wants a string here. Write it as one");
            return null;
        }

        if (NeedsQuotes(scalar))
        {
            // "version: 1.0" in metadata: SkillRt reads the text 1.0; quoted, every reader does.
            edits.Add(new Edit(_layout.StartOf(scalar), _layout.EndOf(scalar), YamlStringWriter.DoubleQuoted(scalar.Value)));
        }

        return scalar.Value;
    }

    /// <summary>
    /// Whether some YAML reader would not read the scalar as the string SkillRt reads: YAML 1.2 types
    /// it as a number, boolean or null; or it is plain and YAML 1.1 (PyYAML and its kin) types it
    /// (<c>yes</c>, <c>1_000</c>, <c>2024-01-01</c>); or its text holds NEL, LS or PS, which YAML 1.1
    /// readers take for line breaks. Double quotes with escapes settle all three.
    /// </summary>
    private bool NeedsQuotes(FrontmatterScalar scalar)
    {
        if (scalar.Kind != FrontmatterScalarKind.String)
        {
            return true;
        }

        var start = _layout.StartOf(scalar);
        var end = _layout.EndOf(scalar);
        if (YamlStringWriter.HasYaml11LineBreak(_layout.Text, start, end))
        {
            return true;
        }

        return _layout.Text[start] is not ('"' or '\'' or '|' or '>') && YamlStringWriter.IsYaml11NonString(scalar.Value);
    }

    private void CheckLimits(FrontmatterEntry entry, string text)
    {
        switch (entry.Name)
        {
            case "name" when NameRules.CheckSkillName(text) is { } problem:
                Problem(entry.Value.Span, $"the name '{text}' is not a valid Agent Skills name: {problem}");
                break;
            case "description":
                var length = CountCodePoints(text);
                if (text.Trim().Length == 0)
                {
                    Problem(entry.Value.Span, "the description is empty; say what the skill does and when to use it");
                }
                else if (length > MaxDescriptionLength)
                {
                    // SkillRt trims before counting; Agent Skills validators count every character.
                    Problem(entry.Value.Span, $"the description is {length} characters long with its surrounding white space, and Agent Skills allows {MaxDescriptionLength}; shorten it, or remove the white space at its ends ('>-' instead of '>' drops the final line break)");
                }

                break;
            case "compatibility" when CountCodePoints(text) > MaxCompatibilityLength:
                Problem(entry.Value.Span, $"'compatibility' is {CountCodePoints(text)} characters long, and Agent Skills allows {MaxCompatibilityLength}; shorten it");
                break;
        }
    }

    private void Metadata(FrontmatterEntry entry, List<Edit> edits)
    {
        if (!HasPlainProperties(entry.Key, entry.Value, "metadata"))
        {
            return;
        }

        if (entry.Value is not FrontmatterMapping mapping)
        {
            Problem(entry.Value.Span, $"'metadata' is {entry.Value.KindDescription}; Agent Skills wants a mapping of strings to strings");
            return;
        }

        if (_layout.Text[_layout.StartOf(mapping)] == '{')
        {
            Problem(mapping.Span, "'metadata' is written in flow style ({…}), which strict Agent Skills validators reject; write each 'key: value' on its own line, indented under 'metadata:'");
            return;
        }

        foreach (var item in mapping.Entries)
        {
            // Block mapping keys start their line after indentation; anything else in front is an anchor or a tag.
            var keyStart = _layout.StartOf(item.Key);
            var lineStart = _layout.Offset(item.Key.Span.StartLine, 1);
            if (_layout.Text.Substring(lineStart, keyStart - lineStart).Trim().Length > 0)
            {
                Problem(item.Key.Span, $"the key 'metadata.{item.Name}' has an anchor or a tag, which strict Agent Skills validators reject; remove it");
                continue;
            }

            Text(item.Key, item.Value, "metadata." + item.Name, edits);
        }
    }

    private void AllowedTools(FrontmatterEntry entry, List<Edit> edits)
    {
        if (entry.Value is not FrontmatterSequence sequence)
        {
            Text(entry.Key, entry.Value, "allowed-tools", edits);
            return;
        }

        if (!HasPlainProperties(entry.Key, sequence, "allowed-tools"))
        {
            return;
        }

        var tools = new List<string>(sequence.Items.Count);
        foreach (var item in sequence.Items)
        {
            if (item is not FrontmatterScalar { IsNull: false } scalar)
            {
                Problem(item.Span, $"an 'allowed-tools' entry is {item.KindDescription}; every entry must be a tool name");
            }
            else if (scalar.Value.Length == 0 || scalar.Value.IndexOf(' ') >= 0 || scalar.Value.IndexOf('\t') >= 0)
            {
                // Agent Skills separates entries with spaces: such an entry would become several, or none.
                Problem(item.Span, $"the 'allowed-tools' entry '{scalar.Value}' is empty or contains white space, and Agent Skills writes allowed-tools as one space-separated string, so it would not stay one entry; remove the white space, or the entry");
            }
            else
            {
                tools.Add(scalar.Value);
            }
        }

        // The whole value, from the key's ':' to the last item, becomes one string on the key's line.
        edits.Add(new Edit(_layout.EndOf(entry.Key), _layout.EndOf(sequence), ": " + YamlStringWriter.Write(string.Join(" ", tools))));
    }

    /// <summary>
    /// Whether only ':', white space and comments stand between a key and its value: no tag (<c>!</c>)
    /// or anchor (<c>&amp;</c>), which strict validators reject, and no alias, whose value's span is
    /// the anchor's, before the key. Records a problem otherwise.
    /// </summary>
    private bool HasPlainProperties(FrontmatterScalar key, FrontmatterNode value, string what)
    {
        var from = _layout.EndOf(key);
        var to = _layout.StartOf(value);
        if (to < from)
        {
            Problem(key.Span, $"'{what}' is an alias (*name), which strict Agent Skills validators reject; write the value out");
            return false;
        }

        var text = _layout.Text;
        var colon = false;
        for (var i = from; i < to; i++)
        {
            var c = text[i];
            if (c == '#')
            {
                while (i < to && text[i] is not ('\n' or '\r'))
                {
                    i++;
                }
            }
            else if (c == ':' && !colon)
            {
                colon = true;
            }
            else if (c is not (' ' or '\t' or '\n' or '\r'))
            {
                Problem(key.Span, $"'{what}' has an anchor (&name) or a tag (!tag), which strict Agent Skills validators reject; remove it");
                return false;
            }
        }

        return true;
    }

    private void Problem(SourceSpan span, string message) => Problems.Add(new AgentSkillsProblem(span, message, inSidecar: false));

    private static int CountCodePoints(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsLowSurrogate(text[i]) || i == 0 || !char.IsHighSurrogate(text[i - 1]))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Replace <c>Text[Start..End)</c> with <see cref="Replacement"/>.</summary>
    private readonly struct Edit
    {
        public Edit(int start, int end, string replacement)
        {
            Start = start;
            End = end;
            Replacement = replacement;
        }

        public int Start { get; }

        public int End { get; }

        public string Replacement { get; }
    }
}
