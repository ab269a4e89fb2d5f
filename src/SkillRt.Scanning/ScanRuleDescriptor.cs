using System;

namespace SkillRt.Scanning;

/// <summary>
/// One scanner rule: its stable ID (<c>SKILLSECnnnn</c>, never reused), its severity, a one-line title and
/// the generic fix. Every finding names its rule; spec/security-rules.md documents each one.
/// </summary>
public sealed class ScanRuleDescriptor
{
    /// <summary>Creates a rule descriptor.</summary>
    /// <param name="id">The stable ID, <c>SKILLSEC</c> and four digits.</param>
    /// <param name="severity">The severity of every finding of this rule.</param>
    /// <param name="title">What the rule detects, in a few words.</param>
    /// <param name="fix">What to do about a finding, in general; a finding may say it more precisely.</param>
    public ScanRuleDescriptor(string id, ScanSeverity severity, string title, string fix)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Severity = severity;
        Title = title ?? throw new ArgumentNullException(nameof(title));
        Fix = fix ?? throw new ArgumentNullException(nameof(fix));
    }

    /// <summary>The stable ID, such as <c>SKILLSEC0201</c>.</summary>
    public string Id { get; }

    /// <summary>The severity of this rule's findings.</summary>
    public ScanSeverity Severity { get; }

    /// <summary>What the rule detects, in a few words.</summary>
    public string Title { get; }

    /// <summary>The general fix.</summary>
    public string Fix { get; }

    /// <summary>Where the rule is documented.</summary>
    public string HelpLink => "https://github.com/skillrt/skillrt/blob/main/spec/security-rules.md#" + Id.ToLowerInvariant();

    /// <inheritdoc />
    public override string ToString() => Id + " (" + Severity + "): " + Title;
}
