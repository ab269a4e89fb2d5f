using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SkillRt.Generators.Tests;

/// <summary>Gives each additional file the SourceItemType metadata MSBuild would pass through CompilerVisibleItemMetadata.</summary>
internal sealed class ItemTypeOptionsProvider(IReadOnlyDictionary<string, string> itemTypes) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(null);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(null);

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        new Options(itemTypes.TryGetValue(textFile.Path, out var type) ? type : null);

    private sealed class Options(string? itemType) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value)
        {
            value = key == "build_metadata.AdditionalFiles.SourceItemType" ? itemType : null;
            return value is not null;
        }
    }
}
