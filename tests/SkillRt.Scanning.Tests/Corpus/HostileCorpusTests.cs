using System;
using System.Collections.Generic;
using System.Linq;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Scanning.Tests.Corpus;

/// <summary>Every crafted package of the hostile corpus gives the rule IDs it was built to trigger, at a severity that quarantines it.</summary>
public sealed class HostileCorpusTests
{
    private static readonly SkillScanner Scanner = new(new ScanOptions { KnownNames = HostileSkillCorpus.KnownNames });

    public static TheoryData<string> CaseNames => new(HostileSkillCorpus.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Each_case_gives_its_expected_rules(string name)
    {
        var hostile = HostileSkillCorpus.All.Single(c => c.Name == name);

        var report = Scanner.ScanPackage(hostile.Package, TestContext.Current.CancellationToken);

        var found = report.Findings.Select(f => f.RuleId).ToHashSet();
        foreach (var expected in hostile.ExpectedRuleIds)
        {
            Assert.True(found.Contains(expected), $"{name}: expected {expected}; found:\n" + string.Join("\n", report.Findings.Select(f => f.Format())));
        }
    }

    [Fact]
    public void The_corpus_has_at_least_40_cases_with_unique_names_and_ids()
    {
        Assert.True(HostileSkillCorpus.All.Count >= 40, "only " + HostileSkillCorpus.All.Count + " cases");
        Assert.Equal(HostileSkillCorpus.All.Count, HostileSkillCorpus.All.Select(c => c.Name).Distinct().Count());
        Assert.Equal(HostileSkillCorpus.All.Count, HostileSkillCorpus.All.Select(c => c.PackageId).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Every_rule_but_the_scanner_limits_is_covered_by_the_corpus()
    {
        // 0001 (scanner failure), 0003 (large asset, Low) and 0004 (folder limits) cannot be reached through a well-formed package test of its own.
        var notCoverable = new HashSet<string> { "SKILLSEC0001", "SKILLSEC0003", "SKILLSEC0004" };
        var covered = HostileSkillCorpus.All.SelectMany(c => c.ExpectedRuleIds).ToHashSet();

        var missing = ScanRules.All.Select(r => r.Id).Where(id => !covered.Contains(id) && !notCoverable.Contains(id)).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_case_is_quarantined_except_the_medium_rules_alone()
    {
        // A case whose expected rules are all below High is allowed to stay below High (it is a warning for the author).
        foreach (var hostile in HostileSkillCorpus.All)
        {
            var report = Scanner.ScanPackage(hostile.Package, TestContext.Current.CancellationToken);
            var expectedHigh = hostile.ExpectedRuleIds.Any(id => ScanRules.Find(id)!.Severity >= ScanSeverity.High);
            if (expectedHigh)
            {
                Assert.True(report.HasFindingsAtOrAbove(ScanSeverity.High), hostile.Name + " was not High");
            }
        }
    }
}
