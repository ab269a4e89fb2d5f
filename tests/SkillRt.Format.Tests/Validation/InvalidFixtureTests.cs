using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace SkillRt.Tests.Validation;

/// <summary>
/// Each folder under Fixtures/Invalid holds a SKILL.md and an expected.txt baseline listing exactly the
/// diagnostics it must produce (ID, severity, span, message). Set SKILLRT_UPDATE_BASELINES=1 to rewrite
/// the baselines after an intended change, then review the diff.
/// </summary>
public sealed class InvalidFixtureTests
{
    private static readonly bool UpdateBaselines = Environment.GetEnvironmentVariable("SKILLRT_UPDATE_BASELINES") == "1";

    public static IEnumerable<string> CaseNames() =>
        Directory.GetDirectories(Path.Combine(TestPaths.Fixtures, "Invalid"))
            .Select(directory => Path.GetFileName(directory))
            .Order(StringComparer.Ordinal);

    public static TheoryData<string> Cases() => [.. CaseNames()];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fixture_yields_exactly_its_expected_diagnostics(string name)
    {
        var fixture = InvalidFixture.Load(name);
        var actual = DiagnosticFormatter.Format(fixture.Validate().Diagnostics);

        if (UpdateBaselines)
        {
            fixture.WriteExpected(actual);
            return;
        }

        Assert.Equal(fixture.ExpectedDiagnostics, actual);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fixture_named_after_a_diagnostic_reports_that_diagnostic(string name)
    {
        // The folder name says which rule the fixture exists for; a baseline cannot silently drop it.
        var id = string.Concat("SKILL", name.AsSpan("skill".Length, 4));
        var diagnostics = InvalidFixture.Load(name).Validate().Diagnostics;
        Assert.Contains(diagnostics, d => d.Id == id);
    }

    [Fact]
    public void Every_diagnostic_has_a_fixture_that_triggers_it()
    {
        var triggered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in CaseNames())
        {
            foreach (var diagnostic in InvalidFixture.Load(name).Validate().Diagnostics)
            {
                triggered.Add(diagnostic.Id);
            }
        }

        foreach (var hostile in HostileInputs.All)
        {
            triggered.Add(hostile.ExpectedId);
        }

        // SKILL08xx come from `dotnet pack`, not from one file; tests/SkillRt.Build.Tests/PackSkillsTests.cs triggers them.
        // SKILL0011 comes from the rule of which files are skills, before validation; SkillFileRuleTests triggers it.
        // SKILL0506-0508 come from the build's check against AgentDoc items; tests/SkillRt.Generators.Tests/AgentDocCheckTests.cs triggers them.
        string[] notFromOneFile = ["SKILL0011", "SKILL0506", "SKILL0507", "SKILL0508"];
        var missing = SkillDiagnosticDescriptors.All.Select(d => d.Id).Where(id => !id.StartsWith("SKILL08", StringComparison.Ordinal) && !notFromOneFile.Contains(id) && !triggered.Contains(id)).ToList();
        Assert.Empty(missing);
    }
}
