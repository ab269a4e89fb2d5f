using System;
using System.Collections.Generic;

namespace SkillRt.Scanning.Engine;

/// <summary>
/// Collects findings under the report limits: at most <see cref="ScanOptions.MaxFindings"/> in all and
/// <see cref="ScanOptions.MaxFindingsPerRuleAndFile"/> per rule and file, so a hostile file with a
/// million zero-width characters costs a counter, not a million objects. Disabled rules are dropped here.
/// </summary>
internal sealed class FindingSink
{
    private readonly ScanOptions _options;
    private readonly HashSet<string> _disabled;
    private readonly Dictionary<string, int> _perRuleAndFile = new(StringComparer.Ordinal);
    private readonly HashSet<ScanFinding> _seen = [];

    public FindingSink(ScanOptions options)
    {
        _options = options;
        _disabled = new HashSet<string>(options.DisabledRules ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
    }

    public List<ScanFinding> Findings { get; } = [];

    public int Omitted { get; private set; }

    public bool IsEnabled(ScanRuleDescriptor rule) => !_disabled.Contains(rule.Id);

    /// <summary>Whether another finding of <paramref name="rule"/> in <paramref name="path"/> would still be listed; lets a rule stop scanning a file early.</summary>
    public bool Wants(ScanRuleDescriptor rule, string path) =>
        IsEnabled(rule)
        && Findings.Count < _options.MaxFindings
        && (!_perRuleAndFile.TryGetValue(rule.Id + "\0" + path, out var count) || count < _options.MaxFindingsPerRuleAndFile);

    public void Add(ScanFinding finding)
    {
        if (_disabled.Contains(finding.RuleId) || !_seen.Add(finding))
        {
            return;
        }

        var key = finding.RuleId + "\0" + finding.Path;
        _perRuleAndFile.TryGetValue(key, out var count);
        _perRuleAndFile[key] = count + 1;
        if (count >= _options.MaxFindingsPerRuleAndFile || Findings.Count >= _options.MaxFindings)
        {
            Omitted++;
            return;
        }

        Findings.Add(finding);
    }
}
