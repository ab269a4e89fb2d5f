using Microsoft.CodeAnalysis;

namespace SkillRt.Generators;

/// <summary>
/// Reads every additional file whose <c>SourceItemType</c> is <c>SkillFile</c> and reports the
/// validator's diagnostics at their SKILL.md line and column. The pipeline depends only on
/// additional texts and analyzer config options, never on syntax trees, so editing C# code does no
/// skill work.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SkillGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var skillFiles = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => IsSkillFile(pair.Left, pair.Right))
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(TrackingNames.SkillFiles);

        var specs = skillFiles
            .Select(static (file, cancellationToken) => SkillFileReader.Read(file, cancellationToken))
            .WithTrackingName(TrackingNames.SkillSpecs);

        context.RegisterSourceOutput(specs, static (output, spec) =>
        {
            foreach (var diagnostic in spec.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });
    }

    private static bool IsSkillFile(AdditionalText file, Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider options) =>
        options.GetOptions(file).TryGetValue("build_metadata.AdditionalFiles.SourceItemType", out var itemType) &&
        string.Equals(itemType, "SkillFile", System.StringComparison.OrdinalIgnoreCase);
}
