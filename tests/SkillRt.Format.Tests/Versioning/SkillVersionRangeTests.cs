using Xunit;

namespace SkillRt.Tests.Versioning;

public sealed class SkillVersionRangeTests
{
    [Theory]
    [InlineData("^1.2", "[1.2.0, 2.0.0)")]
    [InlineData("^1.2.3", "[1.2.3, 2.0.0)")]
    [InlineData("^1", "[1.0.0, 2.0.0)")]
    [InlineData("^0.2", "[0.2.0, 0.3.0)")]
    [InlineData("^0.2.3", "[0.2.3, 0.3.0)")]
    [InlineData("^0.0.3", "[0.0.3, 0.0.4)")]
    [InlineData("^0", "[0.0.0, 1.0.0)")]
    [InlineData("~1.2", "[1.2.0, 1.3.0)")]
    [InlineData("~1.2.3", "[1.2.3, 1.3.0)")]
    [InlineData("~1", "[1.0.0, 2.0.0)")]
    [InlineData("[1.0,2.0)", "[1.0.0, 2.0.0)")]
    [InlineData("(1.0,2.0]", "(1.0.0, 2.0.0]")]
    [InlineData("[1.0,)", "[1.0.0, )")]
    [InlineData("(,2.0]", "(, 2.0.0]")]
    [InlineData("[1.2.3]", "[1.2.3, 1.2.3]")]
    [InlineData("1.2.3", "[1.2.3, 1.2.3]")]
    [InlineData("*", "*")]
    public void Ranges_normalize_to_intervals(string text, string interval)
    {
        Assert.True(SkillVersionRange.TryParse(text, out var range));
        Assert.Equal(interval, range!.ToString());
        Assert.Equal(text, range.Text);
    }

    [Theory]
    [InlineData("^1.2", "1.2.0", true)]
    [InlineData("^1.2", "1.9.9", true)]
    [InlineData("^1.2", "2.0.0", false)]
    [InlineData("^1.2", "1.1.9", false)]
    [InlineData("^1.2", "2.0.0-beta", false)]
    [InlineData("~1.2", "1.2.9", true)]
    [InlineData("~1.2", "1.3.0", false)]
    [InlineData("(1.0,2.0]", "1.0.0", false)]
    [InlineData("(1.0,2.0]", "2.0.0", true)]
    [InlineData("^1.2", "1.5.0-rc.1", false)]
    [InlineData("[1.2.0-beta.1,2.0)", "1.2.0-beta.2", true)]
    [InlineData("[1.2.0-beta.1,2.0)", "1.3.0-beta.2", false)]
    [InlineData("1.2.3-rc.1", "1.2.3-rc.1", true)]
    [InlineData("*", "0.0.1-alpha", false)]
    [InlineData("*", "0.0.1", true)]
    [InlineData("1.2.3", "1.2.3+build", true)]
    public void Satisfies_checks_bounds(string range, string version, bool expected)
    {
        Assert.True(SkillVersionRange.TryParse(range, out var parsed));
        Assert.Equal(expected, parsed!.Satisfies(SemanticVersion.Parse(version)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("^")]
    [InlineData("^x")]
    [InlineData("~1.2.3.4")]
    [InlineData("1.2")]
    [InlineData("[1.0,2.0")]
    [InlineData("[2.0,1.0)")]
    [InlineData("[1.0,1.0)")]
    [InlineData("[,]")]
    [InlineData("[1.0,1.5,2.0]")]
    [InlineData(">=1.0")]
    public void Invalid_ranges_are_rejected(string text) => Assert.False(SkillVersionRange.TryParse(text, out _));
}
