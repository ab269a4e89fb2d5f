using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SkillRt.Benchmarks;

/// <summary>What MSBuild passes for SkillFile items: the item type and the project's root namespace and folder.</summary>
internal sealed class SkillFileOptions : AnalyzerConfigOptionsProvider
{
    private static readonly Options Global = new(new Dictionary<string, string> { ["build_property.RootNamespace"] = "Bench", ["build_property.ProjectDir"] = "/project/" });
    private static readonly Options Skill = new(new Dictionary<string, string> { ["build_metadata.AdditionalFiles.SourceItemType"] = "SkillFile" });

    public override AnalyzerConfigOptions GlobalOptions => Global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Global;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Skill;

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
