using System;
using System.Collections.Generic;
using System.Text;

namespace SkillRt;

/// <summary>
/// Converts a SKILL.md between SkillRt's form and the Agent Skills form (spec section 12.2.1).
/// <see cref="Split"/> keeps the six Agent Skills keys in the SKILL.md, in the form strict Agent
/// Skills validators accept, and moves every other top-level key into a sidecar file,
/// <see cref="SidecarFileName"/>, to be written beside it; <see cref="Merge"/> puts them back.
/// Both work on the text: each key moves as its own lines, verbatim (comments, quoting, order),
/// and the body is never touched. <see cref="SkillDocument.Load"/> reads the sidecar, so SkillRt
/// sees the same skill either way.
/// </summary>
public static class AgentSkillsFormat
{
    /// <summary>The sidecar's file name, in the skill's folder beside SKILL.md: <c>skillrt.yaml</c>.</summary>
    public const string SidecarFileName = "skillrt.yaml";

    private static readonly SkillValidationOptions NoFolderCheck = new() { CheckFolderName = false };

    /// <summary>The top-level keys of the Agent Skills standard, the only ones its validators accept.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["name", "description", "license", "compatibility", "metadata", "allowed-tools"];

    /// <summary>
    /// Splits a structured SKILL.md into an Agent Skills SKILL.md and a sidecar. The skill must be
    /// valid; the folder it is written to must be named after its <c>name</c>, as Agent Skills requires.
    /// </summary>
    /// <param name="skillMarkdown">The SKILL.md text (with every key, such as a merge's result).</param>
    /// <returns>
    /// The two texts; or problems: the skill's errors, a prose skill (Agent Skills needs a frontmatter
    /// with <c>name</c> and <c>description</c>), or a value that cannot take the strict form without
    /// changing what it says (an <c>allowed-tools</c> entry with a space, a description over 1024
    /// characters with its white space, flow-style <c>metadata</c>, a tag, anchor or alias on an
    /// Agent Skills key, an alias between a moved key and a kept one).
    /// </returns>
    public static AgentSkillsConversion Split(string skillMarkdown)
    {
        if (skillMarkdown is null)
        {
            throw new ArgumentNullException(nameof(skillMarkdown));
        }

        var document = SkillDocument.Parse(skillMarkdown);
        if (document.Mode == SkillMode.Prose)
        {
            return Failed(new AgentSkillsProblem(
                SourceSpan.At(1, 1),
                "the skill is prose (no frontmatter), and Agent Skills needs 'name' and 'description': add a frontmatter at the top, '---', 'name: my-skill', 'description: What it does and when to use it.', '---'",
                inSidecar: false));
        }

        var errors = Errors(SkillValidator.Validate(document, NoFolderCheck).Diagnostics, inSidecar: false);
        if (errors.Count > 0)
        {
            return Failed(errors);
        }

        var frontmatter = document.Frontmatter!;
        var (start, end) = FrontmatterBounds(skillMarkdown);
        var layout = FrontmatterLayout.Create(skillMarkdown, start, end, frontmatter, out var layoutProblem);
        if (layout is null)
        {
            return Failed(layoutProblem!);
        }

        var strict = new AgentSkillsStrictForm(layout);
        var kept = new StringBuilder(end - start);
        var sidecar = new StringBuilder();
        var moved = new List<FrontmatterLayout.Chunk>();
        kept.Append(skillMarkdown, start, layout.PreambleEnd - start);
        foreach (var chunk in layout.Chunks)
        {
            if (IsAgentSkillsKey(chunk.Entry.Name) && chunk.Entry.Value is not FrontmatterScalar { IsNull: true })
            {
                kept.Append(strict.Rewrite(chunk));
            }
            else
            {
                // Other keys move, and so does an Agent Skills key with no value ('license:'): it
                // means "not given" to SkillRt, and strict validators want a string there.
                moved.Add(chunk);
                sidecar.Append(chunk.TextOf(skillMarkdown));
            }
        }

        kept.Append(skillMarkdown, layout.PostambleStart, end - layout.PostambleStart);
        var problems = new List<AgentSkillsProblem>(strict.Problems);
        CheckDashes(layout, moved, problems);
        if (moved.Count > 0 && skillMarkdown[moved[0].Start] == '\uFEFF')
        {
            // Readers drop a byte order mark at the start of a file, and with it this key's first character.
            problems.Add(new AgentSkillsProblem(layout.SpanOf(moved[0].Start, moved[0].Start + 1), $"a U+FEFF (byte order mark) character would start {SidecarFileName}, where readers drop it; remove it", inSidecar: false));
        }
        CheckAliases(layout, moved, problems);
        if (problems.Count > 0)
        {
            return Failed(problems);
        }

        var output = skillMarkdown.Substring(0, start) + kept + skillMarkdown.Substring(end);
        var sidecarText = moved.Count > 0 ? sidecar.ToString() : null;
        problems.AddRange(AgentSkillsSplitCheck.Verify(frontmatter, output, sidecarText));
        return problems.Count > 0 ? Failed(problems) : new AgentSkillsConversion(output, sidecarText, [], strict.RewrittenKeys);
    }

    /// <summary>
    /// Merges a sidecar back into its SKILL.md: the sidecar's text goes at the end of the frontmatter
    /// (before a <c>...</c> line, if there is one), unchanged. A merge of a split gives back the
    /// original text byte for byte when the original listed its Agent Skills keys before all others
    /// and no value had to be rewritten (see <see cref="AgentSkillsConversion.RewrittenKeys"/>);
    /// otherwise the same keys and values, with the SkillRt keys after the Agent Skills ones.
    /// </summary>
    /// <param name="skillMarkdown">The Agent Skills SKILL.md text.</param>
    /// <param name="sidecar">The sidecar's text, or <see langword="null"/> when the folder has none (the SKILL.md is returned as it is).</param>
    /// <returns>
    /// The merged SKILL.md; or problems: a SKILL.md that is prose or whose frontmatter cannot be read,
    /// a sidecar that is not a YAML mapping, that repeats a key of the SKILL.md, or that holds a
    /// <c>---</c> line (which would end the frontmatter).
    /// </returns>
    public static AgentSkillsConversion Merge(string skillMarkdown, string? sidecar)
    {
        if (skillMarkdown is null)
        {
            throw new ArgumentNullException(nameof(skillMarkdown));
        }

        if (sidecar is null)
        {
            return new AgentSkillsConversion(skillMarkdown, null, [], []);
        }

        sidecar = SkillSidecar.WithoutByteOrderMark(sidecar);
        var document = SkillDocument.Parse(skillMarkdown);
        if (document.Mode == SkillMode.Prose)
        {
            return Failed(new AgentSkillsProblem(
                SourceSpan.At(1, 1),
                $"SKILL.md is prose (no frontmatter), so there is nothing to merge {SidecarFileName} into; SkillRt ignores a sidecar beside a prose SKILL.md. Add a frontmatter with 'name' and 'description', or remove the sidecar",
                inSidecar: false));
        }

        var problems = Errors(document.Diagnostics, inSidecar: false);
        var diagnostics = new List<SkillDiagnostic>();
        var extra = SkillSidecar.Parse(sidecar, null, diagnostics);
        problems.AddRange(Errors(diagnostics, inSidecar: true));
        CheckDelimiters(sidecar, problems);
        if (problems.Count > 0 || document.Frontmatter is not { } frontmatter || extra is null)
        {
            return Failed(problems);
        }

        foreach (var entry in extra.Entries)
        {
            if (frontmatter.Find(entry.Name) is { } first)
            {
                problems.Add(new AgentSkillsProblem(entry.Key.Span, $"'{entry.Name}' is in both files (SKILL.md line {first.Key.Span.StartLine}); keep it in one of them", inSidecar: true));
            }
        }

        var (start, end) = FrontmatterBounds(skillMarkdown);
        var insertAt = FrontmatterLayout.FindDocumentEnd(skillMarkdown, start, end);
        if (insertAt < end && FrontmatterLayout.FindDocumentEnd(sidecar, 0, sidecar.Length) < sidecar.Length)
        {
            problems.Add(new AgentSkillsProblem(SourceSpan.At(1, 1), "both files end their YAML with a '...' line; remove one of them", inSidecar: true));
        }

        if (problems.Count > 0)
        {
            return Failed(problems);
        }

        var merged = new StringBuilder(skillMarkdown.Length + sidecar.Length + 2)
            .Append(skillMarkdown, 0, insertAt)
            .Append(sidecar);
        if (sidecar.Length > 0 && sidecar[sidecar.Length - 1] is not ('\n' or '\r'))
        {
            merged.Append(LineBreakOf(skillMarkdown));
        }

        merged.Append(skillMarkdown, insertAt, skillMarkdown.Length - insertAt);
        return new AgentSkillsConversion(merged.ToString(), null, [], []);
    }

    /// <summary>Whether a top-level key is one of the six Agent Skills keys.</summary>
    /// <param name="key">The key.</param>
    public static bool IsAgentSkillsKey(string key)
    {
        foreach (var known in Keys)
        {
            if (string.Equals(known, key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // The frontmatter's YAML in a structured SKILL.md: from the line after '---' to the closing line.
    private static (int Start, int End) FrontmatterBounds(string text)
    {
        SkillParser.TryFindFrontmatter(text, text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0, out var start, out var end, out _, out _);
        return (start, end);
    }

    // A moved key must not use an anchor defined in a kept one, or the other way round: each file is
    // read on its own, and an alias cannot reach into the other.
    private static void CheckAliases(FrontmatterLayout layout, List<FrontmatterLayout.Chunk> moved, List<AgentSkillsProblem> problems)
    {
        var visited = new HashSet<FrontmatterNode>();
        foreach (var chunk in moved)
        {
            var pending = new Stack<FrontmatterNode>();
            pending.Push(chunk.Entry.Value);
            while (pending.Count > 0)
            {
                var node = pending.Pop();
                if (!visited.Add(node))
                {
                    continue;
                }

                if (!InAny(layout.StartOf(node), moved))
                {
                    problems.Add(new AgentSkillsProblem(chunk.Entry.Key.Span, $"'{chunk.Entry.Name}' uses an alias (*name) of an anchor in an Agent Skills key, and the two end up in different files; write the value out instead of the alias", inSidecar: false));
                    break;
                }

                switch (node)
                {
                    case FrontmatterMapping mapping:
                        foreach (var entry in mapping.Entries)
                        {
                            pending.Push(entry.Value);
                        }

                        break;
                    case FrontmatterSequence sequence:
                        foreach (var item in sequence.Items)
                        {
                            pending.Push(item);
                        }

                        break;
                }
            }
        }
    }

    // The reference validator finds the frontmatter by splitting the file at the first two '---'
    // anywhere, not at delimiter lines: a '---' inside the kept text would cut the frontmatter short.
    private static void CheckDashes(FrontmatterLayout layout, List<FrontmatterLayout.Chunk> moved, List<AgentSkillsProblem> problems)
    {
        var text = layout.Text;
        for (var at = text.IndexOf("---", layout.Start, layout.End - layout.Start, StringComparison.Ordinal);
             at >= 0;
             at = text.IndexOf("---", at + 3, layout.End - at - 3, StringComparison.Ordinal))
        {
            if (!InAny(at, moved))
            {
                problems.Add(new AgentSkillsProblem(layout.SpanOf(at, at + 3), "'---' inside the Agent Skills keys (or their comments) would end the frontmatter early for Agent Skills validators, which split the file at the first two '---'; write it differently, for example '—' or '- - -'", inSidecar: false));
            }

            if (at + 3 >= layout.End)
            {
                break;
            }
        }
    }

    private static bool InAny(int offset, List<FrontmatterLayout.Chunk> chunks)
    {
        foreach (var chunk in chunks)
        {
            if (offset >= chunk.Start && offset < chunk.End)
            {
                return true;
            }
        }

        return false;
    }

    // A '---' line in the sidecar would close the merged frontmatter early and push the rest into the body.
    private static void CheckDelimiters(string sidecar, List<AgentSkillsProblem> problems)
    {
        var line = 1;
        for (var lineStart = 0; lineStart < sidecar.Length; line++)
        {
            var next = FrontmatterLayout.NextLine(sidecar, lineStart, sidecar.Length);
            if (sidecar.Substring(lineStart, next - lineStart).TrimEnd(' ', '\t', '\r', '\n') == "---")
            {
                problems.Add(new AgentSkillsProblem(new SourceSpan(line, 1, line, 4), "a '---' line would end the SKILL.md's frontmatter when the files are merged; remove it (the sidecar is plain YAML, without '---' delimiters)", inSidecar: true));
            }

            lineStart = next;
        }
    }

    private static string LineBreakOf(string text)
    {
        var newline = text.IndexOf('\n');
        return newline > 0 && text[newline - 1] == '\r' ? "\r\n" : newline < 0 && text.IndexOf('\r') >= 0 ? "\r" : "\n";
    }

    private static List<AgentSkillsProblem> Errors(IReadOnlyList<SkillDiagnostic> diagnostics, bool inSidecar)
    {
        var problems = new List<AgentSkillsProblem>();
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Severity == SkillDiagnosticSeverity.Error)
            {
                problems.Add(new AgentSkillsProblem(diagnostic.Span, diagnostic.Id + ": " + diagnostic.Message, inSidecar));
            }
        }

        return problems;
    }

    private static AgentSkillsConversion Failed(AgentSkillsProblem problem) => Failed([problem]);

    private static AgentSkillsConversion Failed(IReadOnlyList<AgentSkillsProblem> problems) => new(null, null, problems, []);
}
