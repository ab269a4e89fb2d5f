using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SkillRt.Generators;

namespace SkillRt.Benchmarks;

/// <summary>
/// One project's skills under <see cref="SkillGenerator"/>, as the generator benchmarks run them: a cold run
/// with a new driver, and a kept driver that sees one SKILL.md edited per run. The compilation references
/// SkillRt.Runtime, as a real project does: without it the generator reports SKILL1005 and writes nothing,
/// which would measure only the reading of the skills.
/// </summary>
internal sealed class GeneratorRun
{
    private readonly CSharpCompilation _compilation;
    private readonly AdditionalText[] _skills;
    private readonly SkillFileOptions _options = new();
    private readonly AdditionalText _original;
    private readonly AdditionalText _edited;
    private GeneratorDriver _warm;
    private bool _useEdited;

    /// <param name="skills">The project's SKILL.md files.</param>
    /// <param name="edited">Which skill the incremental runs edit.</param>
    /// <param name="edit">The edit: the SKILL.md text before, and after.</param>
    public GeneratorRun(AdditionalText[] skills, int edited, (string From, string To) edit)
    {
        _skills = skills;
        _compilation = CSharpCompilation.Create(
            "Bench",
            [CSharpSyntaxTree.ParseText("class C { }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location), MetadataReference.CreateFromFile(typeof(SkillRunner).Assembly.Location)]);
        _original = skills[edited];
        _edited = new SkillText(_original.Path, _original.GetText()!.ToString().Replace(edit.From, edit.To, StringComparison.Ordinal));
        _warm = Cold();

        // What is measured must include writing the code: a project-wide error (SKILL1005) would stop the generator before it.
        var result = _warm.GetRunResult();
        var missing = result.Diagnostics.FirstOrDefault(d => d.Id == "SKILL1005");
        if (missing is not null || result.GeneratedTrees.Length == 0)
        {
            throw new InvalidOperationException($"The generator wrote {result.GeneratedTrees.Length} files for {skills.Length} skills: {missing}");
        }

        Console.WriteLine($"// {skills.Length} skills: the generator writes {result.GeneratedTrees.Length} files, {result.GeneratedTrees.Sum(t => (long)t.Length):N0} characters of C#");
    }

    /// <summary>A fresh build or a newly opened IDE: a new driver over every skill.</summary>
    public GeneratorDriver Cold() =>
        CSharpGeneratorDriver.Create([new SkillGenerator().AsSourceGenerator()], _skills, optionsProvider: _options).RunGenerators(_compilation);

    /// <summary>An IDE while a skill is edited: the kept driver, with the edited skill alternating between its two versions.</summary>
    public GeneratorDriver AfterOneEdit()
    {
        var (from, to) = _useEdited ? (_edited, _original) : (_original, _edited);
        _useEdited = !_useEdited;
        _warm = _warm.ReplaceAdditionalText(from, to).RunGenerators(_compilation);
        return _warm;
    }
}
