using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SkillRt.Generators.Tests;

/// <summary>
/// Hands the generator the options MSBuild would: global build properties and, per additional
/// file, the item metadata passed through CompilerVisibleItemMetadata (SourceItemType, Namespace…).
/// </summary>
internal sealed class TestOptionsProvider(
    IReadOnlyDictionary<string, string> globalOptions,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> fileOptions) : AnalyzerConfigOptionsProvider
{
    private static readonly Dictionary<string, string> None = [];

    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(globalOptions);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(None);

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        new Options(fileOptions.TryGetValue(textFile.Path, out var options) ? options : None);

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
