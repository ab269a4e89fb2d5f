using System;
using System.Text.RegularExpressions;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Injection;

/// <summary>
/// SKILLSEC0304: an HTML comment (<c>&lt;!-- … --&gt;</c>) or a Markdown comment (<c>[//]: # (…)</c>) in a
/// Markdown file that addresses the agent with an instruction. Rendered pages hide comments from
/// people, but a model reads the raw file, so a comment is where instructions go that a reviewer should
/// not see. Notes such as <c>&lt;!-- TODO --&gt;</c> or lint directives are not reported.
/// </summary>
internal sealed class HiddenCommentInstructionRule : IFileRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0304",
        ScanSeverity.High,
        "Instructions hidden in a comment",
        "Move instructions into visible text where users can read them, or delete the comment");

    // A comment of any length on .NET: the non-backtracking engine finds the nearest "-->" in one pass
    // (and a bound of thousands of characters would exceed its automaton size limit). The backtracking
    // engine (netstandard2.0) would rescan to the end of the text from every unclosed "<!--", so there a
    // comment is read up to 4,000 characters; a longer one is missed by `dotnet pack`, not by the registry.
#if NET
    private const string CommentBody = @"[\s\S]*?";
#else
    private const string CommentBody = @"[\s\S]{0,4000}?";
#endif

    private static readonly Regex Comment = ScanRegex.Create(@"<!--(" + CommentBody + @")-->|^\[//\]:\s*#\s*[(""']([^\n]*)", RegexOptions.Multiline);

    private static readonly Regex Addressed = ScanRegex.Create(
        @"\b(?:you|your|assistant|agent|model|ai|llm|claude|gpt|chatgpt|copilot|gemini)\b[^\n]{0,120}?\b(?:must|should|shall|always|never|ignore|run|execute|send|fetch|call|use|do\s+not|don['’]t|need\s+to|have\s+to|are\s+to)\b"
        + @"|\b(?:ignore|disregard|run|execute|send|upload|fetch|download|curl|wget|delete|always|never|do\s+not|don['’]t)\b[^\n]{0,120}?\b(?:instructions?|the\s+user|commands?|https?://|secrets?|tokens?|keys?|files?|script)\b",
        RegexOptions.IgnoreCase);

    public void Check(ScannedFile file, ScanContext context)
    {
        if (file.Language != FileLanguage.Markdown || file.Text is null || !context.Wants(Descriptor, file.Path))
        {
            return;
        }

        var text = file.Text;
        if (text.IndexOf("<!--", StringComparison.Ordinal) < 0 && text.IndexOf("[//]:", StringComparison.Ordinal) < 0)
        {
            return;
        }

        try
        {
            for (var match = Comment.Match(text); match.Success; match = match.NextMatch())
            {
                var body = match.Groups[1].Success ? match.Groups[1] : match.Groups[2];
                var visible = PhraseMatcher.Visible(body.Value, out _);
                var addressed = Addressed.Match(visible);
                if (!addressed.Success)
                {
                    continue;
                }

                var line = file.Lines.LineOf(body.Index);
                if (!context.Wants(Descriptor, file.Path))
                {
                    context.Sink.NoteMore();
                    return;
                }

                context.Report(Descriptor, "A comment, hidden when the Markdown is rendered, gives the agent instructions: \"" + Evidence.Escape(addressed.Value, 100) + "\"", file.Path, line, Evidence.Around(text, body.Index, body.Length));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            context.Report(Descriptor, "The file's comments could not be checked in time; review them by hand", file.Path);
        }
    }
}
