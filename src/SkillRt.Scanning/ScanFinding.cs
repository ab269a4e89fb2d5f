using System;
using System.Globalization;
using System.Text;

namespace SkillRt.Scanning;

/// <summary>
/// One explainable verdict: which rule, how serious, what was found where, the offending text and
/// what to do. Every part is safe to print to a terminal or a web page: <see cref="Evidence"/> and
/// <see cref="Path"/> have control and invisible characters written as <c>&lt;U+202E&gt;</c>, and
/// secrets are masked.
/// </summary>
public sealed class ScanFinding : IEquatable<ScanFinding>
{
    /// <summary>Creates a finding.</summary>
    /// <param name="rule">The rule that found it; gives the ID and severity.</param>
    /// <param name="message">What was found, naming the thing (the host, the variable, the character).</param>
    /// <param name="path">The file inside the skill or package, with <c>/</c> separators; empty for the package itself.</param>
    /// <param name="line">The 1-based line, or <see langword="null"/> when the finding is not about a line (a binary file, an archive entry).</param>
    /// <param name="evidence">The offending text, already made safe to print; <see langword="null"/> when there is none.</param>
    /// <param name="fix">What to do; <see langword="null"/> takes the rule's general fix.</param>
    public ScanFinding(ScanRuleDescriptor rule, string message, string path, int? line = null, string? evidence = null, string? fix = null)
    {
        if (rule is null)
        {
            throw new ArgumentNullException(nameof(rule));
        }

        RuleId = rule.Id;
        Severity = rule.Severity;
        Message = message ?? throw new ArgumentNullException(nameof(message));
        Path = path ?? string.Empty;
        Line = line is > 0 ? line : null;
        Evidence = evidence;
        Fix = fix ?? rule.Fix;
        HelpLink = rule.HelpLink;
    }

    /// <summary>The rule's stable ID, <c>SKILLSECnnnn</c>.</summary>
    public string RuleId { get; }

    /// <summary>How serious the finding is.</summary>
    public ScanSeverity Severity { get; }

    /// <summary>What was found.</summary>
    public string Message { get; }

    /// <summary>The file inside the skill folder or package (<c>scripts/run.sh</c>, <c>skills/x/SKILL.md</c>); empty when the finding is about the package as a whole.</summary>
    public string Path { get; }

    /// <summary>The 1-based line in <see cref="Path"/>, or <see langword="null"/>.</summary>
    public int? Line { get; }

    /// <summary>The offending text, safe to print (invisible characters spelled out, secrets masked), at most about 160 characters; or <see langword="null"/>.</summary>
    public string? Evidence { get; }

    /// <summary>What to do about it.</summary>
    public string Fix { get; }

    /// <summary>Where the rule is documented.</summary>
    public string HelpLink { get; }

    /// <summary>
    /// The compiler-style line <c>path(line): severity SKILLSECnnnn: message</c>, as <c>skill scan</c>
    /// prints it; the path is prefixed with <paramref name="root"/> when given.
    /// </summary>
    /// <param name="root">A folder or package path to put before <see cref="Path"/>, or <see langword="null"/>.</param>
    /// <returns>One line, without the fix.</returns>
    public string Format(string? root = null)
    {
        var builder = new StringBuilder();
        var location = root is { Length: > 0 }
            ? (Path.Length == 0 ? root : root.TrimEnd('/', '\\') + "/" + Path)
            : Path;
        builder.Append(location.Length == 0 ? "<package>" : location);
        if (Line is { } line)
        {
            builder.Append('(').Append(line.ToString(CultureInfo.InvariantCulture)).Append(')');
        }

        builder.Append(": ").Append(SeverityName(Severity)).Append(' ').Append(RuleId).Append(": ").Append(Message);
        return builder.ToString();
    }

    /// <summary>The lower-case name of a severity as findings print it (<c>high</c>).</summary>
    /// <param name="severity">The severity.</param>
    /// <returns><c>info</c>, <c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</returns>
    public static string SeverityName(ScanSeverity severity) => severity switch
    {
        ScanSeverity.Info => "info",
        ScanSeverity.Low => "low",
        ScanSeverity.Medium => "medium",
        ScanSeverity.High => "high",
        ScanSeverity.Critical => "critical",
        _ => severity.ToString().ToLowerInvariant(),
    };

    /// <summary>Reads a severity name (<c>high</c>, any letter case).</summary>
    /// <param name="text">The name.</param>
    /// <param name="severity">The severity, when the name is known.</param>
    /// <returns>Whether the name is one of <c>info</c>, <c>low</c>, <c>medium</c>, <c>high</c>, <c>critical</c>.</returns>
    public static bool TryParseSeverity(string? text, out ScanSeverity severity)
    {
        foreach (ScanSeverity candidate in new[] { ScanSeverity.Info, ScanSeverity.Low, ScanSeverity.Medium, ScanSeverity.High, ScanSeverity.Critical })
        {
            if (string.Equals(text?.Trim(), SeverityName(candidate), StringComparison.OrdinalIgnoreCase))
            {
                severity = candidate;
                return true;
            }
        }

        severity = ScanSeverity.Info;
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Format();

    /// <inheritdoc />
    public bool Equals(ScanFinding? other) =>
        other is not null
        && RuleId == other.RuleId
        && Severity == other.Severity
        && Message == other.Message
        && Path == other.Path
        && Line == other.Line
        && Evidence == other.Evidence
        && Fix == other.Fix;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ScanFinding);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        unchecked
        {
            var hash = StringComparer.Ordinal.GetHashCode(RuleId);
            hash = (hash * 31) + StringComparer.Ordinal.GetHashCode(Path);
            hash = (hash * 31) + (Line ?? 0);
            return (hash * 31) + StringComparer.Ordinal.GetHashCode(Message);
        }
    }
}
