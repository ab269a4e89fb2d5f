using System;

namespace SkillRt.AgentDoc;

/// <summary>How large the doc tools' answers may be.</summary>
public sealed class AgentDocToolOptions
{
    /// <summary>The smallest <c>maxTokens</c> a caller may ask for: below it an answer could not name its source and say what it left out.</summary>
    public const int MinimumMaxTokens = 256;

    /// <summary>The token budget of an answer when the caller passes no <c>maxTokens</c>; 4,000 by default.</summary>
    public int DefaultMaxTokens { get; set; } = 4_000;

    /// <summary>The largest <c>maxTokens</c> a caller may ask for (larger requests are lowered to it); 32,000 by default.</summary>
    public int MaxTokensCap { get; set; } = 32_000;

    /// <summary>The most operations one search returns; 50 by default (10 when the caller passes no <c>limit</c>).</summary>
    public int MaxSearchResults { get; set; } = 50;

    /// <summary>Throws when the options contradict each other; the tools call it once, when they are created.</summary>
    public void Validate()
    {
        if (MaxTokensCap < MinimumMaxTokens)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTokensCap), MaxTokensCap, $"MaxTokensCap must be at least {MinimumMaxTokens}.");
        }

        if (DefaultMaxTokens < MinimumMaxTokens || DefaultMaxTokens > MaxTokensCap)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultMaxTokens), DefaultMaxTokens, $"DefaultMaxTokens must be between {MinimumMaxTokens} and MaxTokensCap ({MaxTokensCap}).");
        }

        if (MaxSearchResults < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSearchResults), MaxSearchResults, "MaxSearchResults must be at least 1.");
        }
    }
}
