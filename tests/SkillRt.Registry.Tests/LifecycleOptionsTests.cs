using System;
using SkillRt.Registry.Lifecycle;
using Xunit;

namespace SkillRt.Registry.Tests;

/// <summary>The deletion window's validation: what start-up refuses, naming the setting.</summary>
public sealed class LifecycleOptionsTests
{
    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("30.00:00:01")]
    public void A_window_out_of_range_is_refused_naming_the_setting(string window)
    {
        var result = new LifecycleOptionsValidator().Validate(null, new LifecycleOptions { DeleteWindow = TimeSpan.Parse(window, System.Globalization.CultureInfo.InvariantCulture) });
        Assert.True(result.Failed);
        Assert.Contains("SkillRt:Registry:Lifecycle:DeleteWindow", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("3.00:00:00")]
    [InlineData("30.00:00:00")]
    public void Zero_to_thirty_days_is_accepted(string window) =>
        Assert.True(new LifecycleOptionsValidator().Validate(null, new LifecycleOptions { DeleteWindow = TimeSpan.Parse(window, System.Globalization.CultureInfo.InvariantCulture) }).Succeeded);
}
