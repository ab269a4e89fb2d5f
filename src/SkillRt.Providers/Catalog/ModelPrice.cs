namespace SkillRt.Providers;

/// <summary>What a model costs, in US dollars per million tokens (<c>price:</c> in models.yaml).</summary>
/// <param name="InputPerMillion">Dollars per million input (prompt) tokens.</param>
/// <param name="OutputPerMillion">Dollars per million output (completion) tokens.</param>
public sealed record ModelPrice(decimal InputPerMillion, decimal OutputPerMillion)
{
    /// <summary>The cost of one call's tokens, in dollars.</summary>
    /// <param name="inputTokens">Input tokens used.</param>
    /// <param name="outputTokens">Output tokens used.</param>
    public decimal CostOf(long inputTokens, long outputTokens) =>
        (inputTokens * InputPerMillion + outputTokens * OutputPerMillion) / 1_000_000m;
}
