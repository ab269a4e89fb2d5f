using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SkillRt.Benchmarks;

/// <summary>A SKILL.md held in memory, as the generator receives a SkillFile item.</summary>
internal sealed class SkillText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text, System.Text.Encoding.UTF8);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
