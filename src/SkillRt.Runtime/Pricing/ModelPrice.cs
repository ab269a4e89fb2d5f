using System;

namespace SkillRt;

/// <summary>What a model costs per million tokens, in the currency of its <see cref="SkillPriceTable"/>.</summary>
public readonly record struct ModelPrice
{
    /// <summary>Creates a price.</summary>
    /// <param name="inputPerMillionTokens">The price of one million input (prompt) tokens.</param>
    /// <param name="outputPerMillionTokens">The price of one million output (completion) tokens.</param>
    public ModelPrice(decimal inputPerMillionTokens, decimal outputPerMillionTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputPerMillionTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(outputPerMillionTokens);
        InputPerMillionTokens = inputPerMillionTokens;
        OutputPerMillionTokens = outputPerMillionTokens;
    }

    /// <summary>The price of one million input (prompt) tokens.</summary>
    public decimal InputPerMillionTokens { get; }

    /// <summary>The price of one million output (completion) tokens.</summary>
    public decimal OutputPerMillionTokens { get; }

    /// <summary>The cost of the given token counts.</summary>
    /// <param name="inputTokens">Input tokens.</param>
    /// <param name="outputTokens">Output tokens.</param>
    /// <returns>The cost, in the table's currency.</returns>
    public decimal CostOf(long inputTokens, long outputTokens) =>
        ((inputTokens * InputPerMillionTokens) + (outputTokens * OutputPerMillionTokens)) / 1_000_000m;
}
