using Xunit;

namespace SkillRt.Runtime.Tests.Running;

public sealed class SkillPriceTableTests
{
    [Theory]
    [InlineData("gpt-4.1", 2.0)]
    [InlineData("GPT-4.1-2025-04-14", 2.0)]
    [InlineData("gpt-4.1-mini", 0.4)]
    [InlineData("gpt-4.1-mini-2025-04-14", 0.4)]
    public void Dated_and_differently_cased_ids_find_the_longest_matching_entry(string modelId, double inputPrice)
    {
        var table = new SkillPriceTable { { "gpt-4.1", new ModelPrice(2m, 8m) }, { "gpt-4.1-mini", new ModelPrice(0.4m, 1.6m) } };

        Assert.True(table.TryGetPrice(modelId, out var price));
        Assert.Equal((decimal)inputPrice, price.InputPerMillionTokens);
    }

    [Theory]
    [InlineData("gpt-4.10")]
    [InlineData("gpt-4")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_ids_have_no_price(string? modelId) =>
        Assert.False(new SkillPriceTable { { "gpt-4.1", new ModelPrice(2m, 8m) } }.TryGetPrice(modelId, out _));

    [Fact]
    public void Cost_is_per_million_tokens() =>
        Assert.Equal(0.0036m, new ModelPrice(2m, 8m).CostOf(1_000, 200));
}
