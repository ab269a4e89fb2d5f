using System;
using System.Collections;
using System.Collections.Generic;

namespace SkillRt;

/// <summary>
/// Model prices for estimating what runs cost. Providers report dated model ids
/// (<c>gpt-4.1-mini-2025-04-14</c>), so a price set for <c>gpt-4.1-mini</c> also applies to ids that
/// start with it followed by <c>-</c>; the longest such entry wins.
/// </summary>
/// <example>
/// <code>
/// options.Prices.Add("gpt-4.1-mini", new ModelPrice(inputPerMillionTokens: 0.40m, outputPerMillionTokens: 1.60m));
/// </code>
/// </example>
public sealed class SkillPriceTable : IEnumerable<KeyValuePair<string, ModelPrice>>
{
    private readonly Dictionary<string, ModelPrice> _prices = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The currency of every price, as an ISO 4217 code; <c>USD</c> by default.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>How many models have a price.</summary>
    public int Count => _prices.Count;

    /// <summary>Sets the price of a model, replacing any earlier one.</summary>
    /// <param name="modelId">The model id, or the start of dated ids.</param>
    /// <param name="price">Its price.</param>
    public void Add(string modelId, ModelPrice price)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        _prices[modelId] = price;
    }

    /// <summary>Finds the price of a model: its own entry, or the longest entry its id starts with followed by <c>-</c>.</summary>
    /// <param name="modelId">The model id a provider reported.</param>
    /// <param name="price">The price, when found.</param>
    /// <returns>Whether the model has a price.</returns>
    public bool TryGetPrice(string? modelId, out ModelPrice price)
    {
        price = default;
        if (string.IsNullOrEmpty(modelId))
        {
            return false;
        }

        if (_prices.TryGetValue(modelId, out price))
        {
            return true;
        }

        var bestLength = 0;
        foreach (var (key, value) in _prices)
        {
            if (key.Length > bestLength && modelId.Length > key.Length && modelId[key.Length] == '-'
                && modelId.StartsWith(key, StringComparison.OrdinalIgnoreCase))
            {
                bestLength = key.Length;
                price = value;
            }
        }

        return bestLength > 0;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, ModelPrice>> GetEnumerator() => _prices.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
