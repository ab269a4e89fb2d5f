using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace SkillRt.Tests.Spec;

/// <summary>spec/diagnostics.md and the code's descriptor list must describe the same diagnostics.</summary>
public sealed partial class DiagnosticCatalogueTests
{
    [GeneratedRegex(@"^### (SKILL\d{4}): (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^Severity: (\w+)", RegexOptions.Multiline)]
    private static partial Regex SeverityLine();

    [Fact]
    public void Catalogue_lists_every_descriptor_with_its_title_and_severity_in_id_order()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Spec, "diagnostics.md")).Replace("\r\n", "\n");
        // SKILL1xxx and SKILL9999 belong to the source generator and are checked by its tests.
        var headings = Heading().Matches(text).Where(m => string.CompareOrdinal(m.Groups[1].Value, "SKILL1000") < 0).ToList();

        Assert.Equal(SkillDiagnosticDescriptors.All.Select(d => $"{d.Id}: {d.Title}"), headings.Select(m => $"{m.Groups[1].Value}: {m.Groups[2].Value.Trim()}"));

        for (var i = 0; i < headings.Count; i++)
        {
            var next = text.IndexOf("\n### ", headings[i].Index + 1, System.StringComparison.Ordinal);
            var end = next < 0 ? text.Length : next;
            var section = text.Substring(headings[i].Index, end - headings[i].Index);
            var severity = SeverityLine().Match(section);
            Assert.True(severity.Success, headings[i].Value + " has no 'Severity:' line");
            Assert.Equal(SkillDiagnosticDescriptors.All[i].Severity.ToString().ToLowerInvariant(), severity.Groups[1].Value);
            Assert.Contains("Fix:", section, System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_help_link_lands_on_an_anchor_placed_just_above_its_entry()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Spec, "diagnostics.md")).Replace("\r\n", "\n");
        foreach (var descriptor in SkillDiagnosticDescriptors.All)
        {
            var anchor = descriptor.HelpLink[(descriptor.HelpLink.IndexOf('#', System.StringComparison.Ordinal) + 1)..];
            Assert.Equal(SkillDiagnosticHelp.CatalogueUrl + "#" + descriptor.Id.ToLowerInvariant(), descriptor.HelpLink);
            Assert.Contains($"<a id=\"{anchor}\"></a>\n\n### {descriptor.Id}: ", text, System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Ids_are_unique_and_well_formed()
    {
        var ids = SkillDiagnosticDescriptors.All.Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(@"^SKILL\d{4}$", id));
        Assert.Equal(ids.Order(System.StringComparer.Ordinal), ids);
    }

    [Fact]
    public void Spec_lists_every_supported_and_unsupported_schema_keyword()
    {
        var spec = File.ReadAllText(Path.Combine(TestPaths.Spec, "SKILL-SPEC.md"));
        var missing = SchemaKeywords.Supported.Concat(SchemaKeywords.Unsupported).Where(k => !spec.Contains("`" + k + "`", System.StringComparison.Ordinal)).ToList();
        Assert.Empty(missing);
    }
}
