using System.Globalization;
using System.Text;
using SkillRt.Scanning.Engine;
using SkillRt.Scanning.Rules.Archive;
using Xunit;

namespace SkillRt.Scanning.Tests.Rules;

/// <summary>
/// SKILLSEC0606's comparison key does not depend on ICU: the registry and the CLI run with
/// InvariantGlobalization, where <see cref="string.Normalize()"/> leaves <c>e</c> + U+0301 and U+00E9 apart.
/// </summary>
public sealed class EntryNameFoldTests
{
    [Theory]
    [InlineData("references/caf\u00E9.md", "references/cafe\u0301.md")]
    [InlineData("references/CAF\u00C9.md", "references/cafe\u0301.md")]
    [InlineData("scripts/\u01D5ber.sh", "scripts/U\u0308\u0304ber.sh")]
    [InlineData("scripts/\u1EC7.sh", "scripts/e\u0323\u0302.sh")]
    [InlineData("scripts/\u1EC7.sh", "scripts/e\u0302\u0323.sh")] // Marks in either order are one name (canonical ordering).
    [InlineData("scripts/\u0151.sh", "scripts/o\u030B.sh")]
    [InlineData("assets/a\u0341.txt", "assets/\u00E1.txt")]
    [InlineData("scripts/run.sh", "scripts/RUN.sh ")]
    public void Names_that_differ_only_in_Unicode_form_case_or_trailing_dots_fold_alike(string first, string second) =>
        Assert.Equal(AmbiguousEntryNameRule.Fold(first), AmbiguousEntryNameRule.Fold(second));

    [Theory]
    [InlineData("references/cafe.md", "references/caf\u00E9.md")]
    [InlineData("references/caf\u00E8.md", "references/caf\u00E9.md")]
    [InlineData("scripts/e\u0301\u0301.sh", "scripts/\u00E9.sh")]
    public void Different_names_stay_different(string first, string second) =>
        Assert.NotEqual(AmbiguousEntryNameRule.Fold(first), AmbiguousEntryNameRule.Fold(second));

    [Fact]
    public void The_built_in_decomposition_agrees_with_ICU_over_the_covered_letters_and_marks()
    {
        if ("\u00E9".Normalize(NormalizationForm.FormD).Length != 2)
        {
            Assert.Skip("ICU is not loaded in this process (InvariantGlobalization), so there is nothing to compare with.");
        }

        var checkedLetters = 0;
        foreach (var (low, high) in new[] { (0x00C0, 0x024F), (0x1E00, 0x1EFF), (0x0300, 0x036F) })
        {
            for (var c = low; c <= high; c++)
            {
                var text = ((char)c).ToString();
                var icu = text.Normalize(NormalizationForm.FormD);
                if (icu == text || IsLatinWithMarks(icu))
                {
                    Assert.True(icu == LatinDecomposition.Decompose(text), $"U+{c:X4}: ICU gives {Hex(icu)}, the built-in map {Hex(LatinDecomposition.Decompose(text))}");
                    checkedLetters++;
                }
            }
        }

        // Canonical ordering of every pair of marks after a letter.
        for (var a = '\u0300'; a <= '\u036F'; a++)
        {
            for (var b = '\u0300'; b <= '\u036F'; b++)
            {
                var text = "x" + a + b;
                var icu = text.Normalize(NormalizationForm.FormD);
                Assert.True(icu == LatinDecomposition.Decompose(text), $"x U+{(int)a:X4} U+{(int)b:X4}: ICU gives {Hex(icu)}, the built-in map {Hex(LatinDecomposition.Decompose(text))}");
            }
        }

        Assert.True(checkedLetters > 600, checkedLetters.ToString(CultureInfo.InvariantCulture));
    }

    private static bool IsLatinWithMarks(string decomposed)
    {
        if (!(decomposed[0] < 0x80 || decomposed[0] is >= '\u00C0' and <= '\u024F'))
        {
            return false;
        }

        for (var i = 1; i < decomposed.Length; i++)
        {
            if (decomposed[i] is < '\u0300' or > '\u036F')
            {
                return false;
            }
        }

        return true;
    }

    private static string Hex(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            builder.Append(CultureInfo.InvariantCulture, $"U+{(int)c:X4} ");
        }

        return builder.ToString().TrimEnd();
    }
}
