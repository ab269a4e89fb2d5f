using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt.Registry.Web.Packages;

/// <summary>
/// The C# names SkillRt's source generator gives a packaged skill in a consuming project, by the
/// generator's own rule (<see cref="CSharpIdentifier.ToPascalCase"/> in SkillRt.Format, which the
/// generator and the validator call too): the skill name in PascalCase plus <c>Skill</c>
/// (<c>pr-review</c> → <c>PrReviewSkill</c>), its input record that name without <c>Skill</c> plus
/// <c>Input</c>, and each input's property the input name in PascalCase. These are the defaults; a
/// project can rename the class with the <c>ClassName</c> metadata of its <c>SkillFile</c> item.
/// </summary>
internal static class GeneratedNames
{
    // C# keywords a camelCase variable name could hit ("class", "event"…); such a name gets '@'.
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    /// <summary>The generated class (<c>PrReviewSkill</c>).</summary>
    public static string ClassName(string skillName) => CSharpIdentifier.ToPascalCase(skillName) + "Skill";

    /// <summary>The generated input record (<c>PrReviewInput</c>), named from the class as the generator does.</summary>
    public static string InputTypeName(string className)
    {
        var prefix = className.Length > "Skill".Length && className.EndsWith("Skill", StringComparison.Ordinal) ? className[..^"Skill".Length] : className;
        return prefix + "Input";
    }

    /// <summary>
    /// The one-line call of a typed skill: <c>await PrReviewSkill.RunAsync(runner, new PrReviewInput(prUrl));</c>,
    /// the required inputs as the record's positional arguments (named as local variables the reader supplies).
    /// </summary>
    public static string RunExample(string skillName, IReadOnlyList<PublishedInput> inputs)
    {
        var className = ClassName(skillName);
        var arguments = string.Join(", ", inputs.Where(i => i.Required).Select(i => Variable(CSharpIdentifier.ToPascalCase(i.Name))));
        return $"var output = await {className}.RunAsync(runner, new {InputTypeName(className)}({arguments}));";
    }

    private static string Variable(string pascal)
    {
        var camel = pascal.StartsWith('_') ? pascal : char.ToLowerInvariant(pascal[0]) + pascal[1..];
        return Keywords.Contains(camel) ? "@" + camel : camel;
    }
}
