using System;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using SkillRt.Serialization;
using Xunit;

namespace SkillRt.Runtime.Tests.Serialization;

/// <summary>The checks generated readers call, one by one.</summary>
public sealed class SkillJsonReaderTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Theory]
    [InlineData("", "a", "/a")]
    [InlineData("/x", "a/b", "/x/a~1b")]
    [InlineData("/x", "~c", "/x/~0c")]
    [InlineData("", "", "/")]
    public void Pointers_escape_tilde_and_slash(string parent, string name, string expected) =>
        Assert.Equal(expected, SkillJsonReader.Append(parent, name));

    [Fact]
    public void Integers_accept_whole_floats_and_reject_fractions_and_overflow()
    {
        var reader = new SkillJsonReader();
        Assert.Equal(2, reader.ReadInt64(Json("2.0"), "/a"));
        Assert.Equal(0, reader.ReadInt64(Json("2.5"), "/b"));
        Assert.Equal(0, reader.ReadInt64(Json("1e30"), "/c"));
        Assert.Equal(0, reader.ReadDouble(Json("1e400"), "/d"));
        Assert.Equal(["/b", "/c", "/d"], reader.Violations.Select(v => v.Pointer));
    }

    [Fact]
    public void Lengths_count_code_points()
    {
        var reader = new SkillJsonReader();
        reader.CheckLength("🚀é", "/a", 2, 2);
        Assert.False(reader.HasViolations);
        reader.CheckLength("🚀", "/b", 2, null);
        Assert.Equal("/b: The string is 1 character long; it must be at least 2 characters.", Assert.Single(reader.Violations).ToString());
    }

    [Fact]
    public void Ranges_and_multiples()
    {
        var reader = new SkillJsonReader();
        reader.CheckRange(0.3, "/ok", 0, 1, null, null, 0.1);
        Assert.False(reader.HasViolations);
        reader.CheckRange(5, "/x", 6, 4, 5, 5, 2);
        Assert.Equal(
            [
                "/x: The value 5 is less than the minimum 6.",
                "/x: The value 5 is greater than the maximum 4.",
                "/x: The value 5 must be greater than 5.",
                "/x: The value 5 must be less than 5.",
                "/x: The value 5 is not a multiple of 2.",
            ],
            reader.Violations.Select(v => v.ToString()));
    }

    [Fact]
    public void Unique_items_and_enums_compare_json_values_not_text()
    {
        var reader = new SkillJsonReader();
        reader.CheckUniqueItems(Json("""[1, 1.0, {"a":1,"b":2}, {"b":2,"a":1}, "1"]"""), "/u");
        Assert.Equal(["/u/1: This item repeats item 0; the items must be unique.", "/u/3: This item repeats item 2; the items must be unique."], reader.Violations.Select(v => v.ToString()));

        var allowed = SkillJsonReader.ParseValues("""[1, "one", {"x":[true]}]""");
        var enums = new SkillJsonReader();
        enums.CheckEnum(Json("1.0"), "/a", allowed, "1, \"one\"");
        enums.CheckEnum(Json("""{"x":[true]}"""), "/b", allowed, "…");
        enums.CheckEnum(Json("\"1\""), "/c", allowed, "1, \"one\", {\"x\":[true]}");
        Assert.Equal("/c: The string \"1\" is not allowed; use one of 1, \"one\", {\"x\":[true]}.", Assert.Single(enums.Violations).ToString());
    }

    [Fact]
    public void Tiny_and_huge_numbers_keep_their_identity()
    {
        var reader = new SkillJsonReader();
        reader.CheckUniqueItems(Json("[1e-29, 2e-29, 12345678901234567890123, 12345678901234567890124]"), "/u");
        Assert.False(reader.HasViolations);
        reader.CheckEnum(Json("1e-30"), "/c", SkillJsonReader.ParseValues("[0]"), "0");
        Assert.Equal("/c: The number 1e-30 is not allowed; use one of 0.", Assert.Single(reader.Violations).ToString());
        reader.ReadInt64(Json("9223372036854775808"), "/i");
        Assert.Equal("/i: The integer 9223372036854775808 is out of range; integers must fit in 64 bits.", reader.Violations[^1].ToString());
    }

    [Fact]
    public void Patterns_that_take_too_long_are_a_violation_not_a_hang()
    {
        var reader = new SkillJsonReader();
        var catastrophic = new Regex("^(a+)+$", RegexOptions.None, TimeSpan.FromMilliseconds(50));
        reader.CheckPattern(new string('a', 40) + "!", "/p", catastrophic);
        Assert.Contains("could not be checked against the pattern", Assert.Single(reader.Violations).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "(root): The output is empty; expected a JSON value.")]
    [InlineData("```json\n{}\n```", "(root): The output is not valid JSON")]
    public void Text_that_is_not_json_is_one_violation(string text, string expected)
    {
        Assert.False(SkillJsonReader.TryParse(text, out var document, out var violations));
        Assert.Null(document);
        Assert.StartsWith(expected, Assert.Single(violations).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Exceptions_list_every_violation()
    {
        var error = new SkillInputException([new SkillViolation("/a", "Bad."), new SkillViolation(string.Empty, "Worse.")], "pr-review");
        Assert.Equal($"The input for skill 'pr-review' is invalid (2 problems):{Environment.NewLine}  /a: Bad.{Environment.NewLine}  (root): Worse.", error.Message);
        Assert.IsAssignableFrom<SkillException>(error);

        var output = new SkillOutputException("raw", [new SkillViolation("/b", "Wrong.")], "pr-review");
        Assert.Equal("raw", output.RawOutput);
        Assert.Equal($"The output of skill 'pr-review' is invalid (1 problem):{Environment.NewLine}  /b: Wrong.", output.Message);
    }
}
