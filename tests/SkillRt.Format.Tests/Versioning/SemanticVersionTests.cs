using System;
using System.Linq;
using Xunit;

namespace SkillRt.Tests.Versioning;

public sealed class SemanticVersionTests
{
    [Theory]
    [InlineData("0.0.0")]
    [InlineData("1.2.3")]
    [InlineData("10.20.30")]
    [InlineData("1.0.0-alpha")]
    [InlineData("1.0.0-alpha.1")]
    [InlineData("1.0.0-0.3.7")]
    [InlineData("1.0.0-x.7.z.92")]
    [InlineData("1.0.0-alpha+001")]
    [InlineData("1.0.0+20130313144700")]
    [InlineData("1.0.0-beta+exp.sha.5114f85")]
    [InlineData("1.0.0-x-y-z.--")]
    public void Valid_semver_parses_and_round_trips(string text)
    {
        Assert.True(SemanticVersion.TryParse(text, out var version));
        Assert.Equal(text, version!.ToString());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.2")]
    [InlineData("v1.2.3")]
    [InlineData("01.2.3")]
    [InlineData("1.02.3")]
    [InlineData("1.2.3-01")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3+")]
    [InlineData("1.2.3-alpha..1")]
    [InlineData("1.2.3.4")]
    [InlineData(" 1.2.3")]
    [InlineData("1.2.3-é")]
    [InlineData("99999999999999999999.0.0")]
    [InlineData("")]
    public void Invalid_semver_is_rejected(string text) => Assert.False(SemanticVersion.TryParse(text, out _));

    [Fact]
    public void Constructor_rejects_labels_that_would_not_parse_back()
    {
        Assert.Throws<ArgumentException>(() => new SemanticVersion(1, 0, 0, "bad label!"));
        Assert.Throws<ArgumentException>(() => new SemanticVersion(1, 0, 0, "01"));
        Assert.Throws<ArgumentException>(() => new SemanticVersion(1, 0, 0, build: "a..b"));
        Assert.Equal("minor", Assert.Throws<ArgumentOutOfRangeException>(() => new SemanticVersion(1, -1, 0)).ParamName);
        Assert.Equal("1.0.0-rc.1+sha.5", new SemanticVersion(1, 0, 0, "rc.1", "sha.5").ToString());
    }

    [Fact]
    public void Comparison_operators_accept_null()
    {
        SemanticVersion? none = null;
        SemanticVersion? alsoNone = null;
        var one = SemanticVersion.Parse("1.0.0");
        Assert.True(none < one);
        Assert.False(one < none);
        Assert.True(none <= alsoNone);
    }

    [Fact]
    public void Precedence_follows_semver()
    {
        string[] ordered = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0"];
        var shuffled = ordered.Reverse().Select(SemanticVersion.Parse).ToList();
        shuffled.Sort();
        Assert.Equal(ordered, shuffled.Select(v => v.ToString()));
        Assert.Equal(SemanticVersion.Parse("1.0.0+a"), SemanticVersion.Parse("1.0.0+b"));
    }
}
