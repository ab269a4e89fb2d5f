using System;
using System.Text.RegularExpressions;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Injection;

/// <summary>
/// SKILLSEC0301: text that tells the agent to drop its instructions: "ignore (all) previous
/// instructions", "disregard your system prompt", "forget your rules", "you are now in developer mode",
/// "new system prompt:", or chat-template control tokens (<c>&lt;|im_start|&gt;</c>, <c>&lt;|system|&gt;</c>)
/// that try to forge a system message. A skill adds instructions; it never needs to cancel the host's.
/// </summary>
internal sealed class InstructionOverrideRule : IFileRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0301",
        ScanSeverity.High,
        "Prompt injection: overrides the agent's instructions",
        "Remove the sentence; a skill states what to do and must not tell the agent to drop its system prompt or earlier instructions");

    private static readonly Regex Pattern = ScanRegex.Create(
        @"\b(?:ignore|disregard|forget|override|bypass|abandon|drop)\s+(?:(?:all|any|every|of|the|your|my|these|those|its)\s+){0,3}(?:previous|prior|above|earlier|preceding|former|existing|original|initial|system|developer|safety|other)\s+(?:instructions?|prompts?|rules|guidelines|directives|context|messages|guardrails|constraints|policies|commands)"
        + @"|\b(?:ignore|disregard|forget|override|bypass)\s+(?:(?:all|any|of|the|your)\s+){0,2}(?:system\s+prompt|safety\s+(?:rules|guidelines|filters)|content\s+polic(?:y|ies)|guardrails|training)"
        + @"|\byou\s+are\s+(?:now\s+)?(?:in\s+)?(?:DAN|developer\s+mode|jailbroken|unrestricted|unfiltered|no\s+longer\s+bound)"
        + @"|\b(?:new|updated|real|actual)\s+system\s+(?:prompt|instructions?)\s*:"
        + @"|\b(?:reveal|print|repeat|output|show)\s+(?:me\s+)?(?:your|the)\s+(?:system\s+prompt|hidden\s+instructions|initial\s+instructions)"
        + @"|<\|(?:im_start|im_end|system|endoftext|start_header_id|eot_id)\|>",
        RegexOptions.IgnoreCase);

    public void Check(ScannedFile file, ScanContext context) =>
        PhraseMatcher.Report(Pattern, Descriptor, "The text tells the agent to drop its instructions", file, context);
}
