using Xunit;

namespace SkillRt.Tests.Versioning;

/// <summary>The one rule the runtime and the build share for picking an agent-doc version for a range.</summary>
public sealed class AgentDocVersionsTests
{
    [Theory]
    [InlineData("^1", "1.5")]
    [InlineData("^2", "v2")]
    [InlineData("~1.4", "1.4.2")]
    [InlineData("[1.0,1.5)", "1.4.2")]
    [InlineData("^3", null)]
    public void The_highest_accepted_version_is_read_leniently(string range, string? expected)
    {
        Assert.Equal(expected, AgentDocVersions.HighestAccepted(["1.4.2", "1.5", "v2", "2024-06-01"], SkillVersionRange.Parse(range)));
    }

    [Fact]
    public void A_date_version_matches_only_any_version_written_or_not()
    {
        Assert.True(AgentDocVersions.Accepts(SkillVersionRange.Any, "2024-06-01"));
        Assert.True(AgentDocVersions.Accepts(SkillVersionRange.Parse("*"), "2024-06-01"));
        Assert.False(AgentDocVersions.Accepts(SkillVersionRange.Parse("^2024"), "2024-06-01"));
        Assert.Equal("2024-06-01", AgentDocVersions.HighestAccepted(["2024-06-01", "2023-01-15"], SkillVersionRange.Any));
    }
}
