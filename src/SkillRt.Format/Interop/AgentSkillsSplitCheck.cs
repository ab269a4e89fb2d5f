using System;
using System.Collections.Generic;

namespace SkillRt;

/// <summary>
/// Reads a split back before anyone writes it: the SKILL.md must be in the strict form with nothing
/// left to rewrite, the sidecar must parse on its own, and each key must say in its new file what it
/// said in the original. Cutting text by spans is exact when the spans are; this makes sure, so a
/// bug shows up as a reported problem rather than as a skill that quietly changed.
/// </summary>
internal static class AgentSkillsSplitCheck
{
    public static List<AgentSkillsProblem> Verify(FrontmatterMapping original, string skillMarkdown, string? sidecar)
    {
        var problems = new List<AgentSkillsProblem>();
        var document = SkillDocument.Parse(skillMarkdown);
        var kept = document.Frontmatter;
        if (document.HasErrors || kept is null)
        {
            Fail(problems, "the Agent Skills SKILL.md does not parse");
            return problems;
        }

        SkillParser.TryFindFrontmatter(skillMarkdown, skillMarkdown.Length > 0 && skillMarkdown[0] == '\uFEFF' ? 1 : 0, out var start, out var end, out _, out _);
        var layout = FrontmatterLayout.Create(skillMarkdown, start, end, kept, out _);
        var strict = layout is null ? null : new AgentSkillsStrictForm(layout);
        foreach (var chunk in layout?.Chunks ?? [])
        {
            if (!AgentSkillsFormat.IsAgentSkillsKey(chunk.Entry.Name) || chunk.Entry.Value is FrontmatterScalar { IsNull: true })
            {
                Fail(problems, $"'{chunk.Entry.Name}' stayed in the Agent Skills SKILL.md");
            }
            else
            {
                strict!.Rewrite(chunk);
            }
        }

        if (strict is null || strict.Problems.Count > 0 || strict.RewrittenKeys.Count > 0)
        {
            Fail(problems, "the Agent Skills SKILL.md is not in the strict form");
        }

        FrontmatterMapping? moved = null;
        if (sidecar is not null)
        {
            var diagnostics = new List<SkillDiagnostic>();
            moved = SkillSidecar.Parse(SkillSidecar.WithoutByteOrderMark(sidecar), null, diagnostics);
            if (moved is null || diagnostics.HasErrors())
            {
                Fail(problems, $"{AgentSkillsFormat.SidecarFileName} does not parse on its own");
                return problems;
            }
        }

        var count = kept.Entries.Count + (moved?.Entries.Count ?? 0);
        if (count != original.Entries.Count)
        {
            Fail(problems, $"the two files hold {count} keys, the original {original.Entries.Count}");
        }

        foreach (var entry in original.Entries)
        {
            var now = kept.Find(entry.Name) ?? moved?.Find(entry.Name);
            if (now is null || !SameMeaning(entry.Name, entry.Value, now.Value))
            {
                Fail(problems, $"'{entry.Name}' does not read the same after the split");
            }
        }

        return problems;
    }

    // What SkillRt reads: the text of each scalar (a quoted "1.0" is the 1.0 it replaced), and for
    // allowed-tools the entries, however written.
    private static bool SameMeaning(string key, FrontmatterNode before, FrontmatterNode after)
    {
        if (key == "allowed-tools" && before is FrontmatterSequence list && after is FrontmatterScalar { IsNull: false } joined)
        {
            var tools = joined.Value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (tools.Length != list.Items.Count)
            {
                return false;
            }

            for (var i = 0; i < tools.Length; i++)
            {
                if (list.Items[i] is not FrontmatterScalar { IsNull: false } item || !string.Equals(item.Value, tools[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        return SameText(before, after);
    }

    private static bool SameText(FrontmatterNode before, FrontmatterNode after)
    {
        switch (before)
        {
            case FrontmatterScalar scalar:
                return after is FrontmatterScalar other && scalar.IsNull == other.IsNull &&
                       (scalar.Kind == other.Kind || other.Kind == FrontmatterScalarKind.String) &&
                       string.Equals(scalar.Value, other.Value, StringComparison.Ordinal);
            case FrontmatterSequence sequence:
                if (after is not FrontmatterSequence otherSequence || otherSequence.Items.Count != sequence.Items.Count)
                {
                    return false;
                }

                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    if (!SameText(sequence.Items[i], otherSequence.Items[i]))
                    {
                        return false;
                    }
                }

                return true;
            case FrontmatterMapping mapping:
                if (after is not FrontmatterMapping otherMapping || otherMapping.Entries.Count != mapping.Entries.Count)
                {
                    return false;
                }

                for (var i = 0; i < mapping.Entries.Count; i++)
                {
                    if (!string.Equals(mapping.Entries[i].Name, otherMapping.Entries[i].Name, StringComparison.Ordinal) ||
                        !SameText(mapping.Entries[i].Value, otherMapping.Entries[i].Value))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    private static void Fail(List<AgentSkillsProblem> problems, string what) =>
        problems.Add(new AgentSkillsProblem(SourceSpan.At(1, 1), $"internal error in the Agent Skills split: {what}; the files were not written. Please report this with the SKILL.md", inSidecar: false));
}
