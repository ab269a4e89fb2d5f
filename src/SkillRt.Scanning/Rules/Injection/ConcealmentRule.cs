using System;
using System.Text.RegularExpressions;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Injection;

/// <summary>
/// SKILLSEC0302: text that tells the agent to hide what it does from the person it works for: "do not
/// tell the user", "without informing the user", "never mention this", "secretly run", "keep this
/// hidden from the user". A skill may ask for a short answer; it has no business asking for secrecy.
/// </summary>
internal sealed class ConcealmentRule : IFileRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0302",
        ScanSeverity.High,
        "Prompt injection: hides actions from the user",
        "Remove the sentence; to keep answers short, say what to include instead of what to hide from the user");

    private static readonly Regex Pattern = ScanRegex.Create(
        @"\b(?:do\s+not|don['’]t|never|must\s+not|should\s+not|shouldn['’]t|avoid)\s+(?:ever\s+)?(?:tell(?:ing)?|inform(?:ing)?|notify(?:ing)?|alert(?:ing)?|mention(?:ing)?|reveal(?:ing)?|disclos(?:e|ing)|let(?:ting)?)\s+(?:this\s+|it\s+|anything\s+)?(?:to\s+)?(?:the\s+)?(?:user|human|operator|person|developer)s?\b"
        + @"|\bwithout\s+(?:telling|informing|notifying|alerting|asking|the\s+knowledge\s+of)\s+(?:the\s+)?(?:user|human|operator)s?\b"
        + @"|\b(?:never|do\s+not|don['’]t)\s+mention\s+(?:this|these|that\s+you|the\s+following)\b"
        + @"|\b(?:secretly|silently|covertly|quietly|discreetly)\s+(?:run|execute|send|upload|install|download|delete|remove|modify|add|copy|post|fetch|call|exfiltrate|forward|collect|read)\b"
        + @"|\b(?:keep|hide)\s+(?:this|it|these|that)\s+(?:secret\s+|hidden\s+)?from\s+(?:the\s+)?(?:user|human|operator)s?\b",
        RegexOptions.IgnoreCase);

    public void Check(ScannedFile file, ScanContext context) =>
        PhraseMatcher.Report(Pattern, Descriptor, "The text tells the agent to hide what it does from the user", file, context);
}
