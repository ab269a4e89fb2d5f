using Microsoft.Extensions.AI;

namespace SkillRt.Testing;

/// <summary>The response of a recorded exchange, as replay gives it back.</summary>
public sealed class RecordedChatResponse
{
    /// <summary>The text the model answered.</summary>
    public string Text { get; set; } = "";

    /// <summary>The model that answered, when the provider said.</summary>
    public string? ModelId { get; set; }

    /// <summary>Why the model stopped, such as <c>stop</c> or <c>length</c>, when the provider said.</summary>
    public string? FinishReason { get; set; }

    /// <summary>The tokens of the request, when the provider reported usage.</summary>
    public long? InputTokenCount { get; set; }

    /// <summary>The tokens of the response, when the provider reported usage.</summary>
    public long? OutputTokenCount { get; set; }

    internal static RecordedChatResponse From(ChatResponse response) => new()
    {
        Text = response.Text,
        ModelId = response.ModelId,
        FinishReason = response.FinishReason?.Value,
        InputTokenCount = response.Usage?.InputTokenCount,
        OutputTokenCount = response.Usage?.OutputTokenCount,
    };

    /// <summary>The usage to report, or <see langword="null"/> when the recording has none.</summary>
    internal UsageDetails? ToUsage()
    {
        if (InputTokenCount is null && OutputTokenCount is null)
        {
            return null;
        }

        return new UsageDetails
        {
            InputTokenCount = InputTokenCount,
            OutputTokenCount = OutputTokenCount,
            TotalTokenCount = InputTokenCount + OutputTokenCount,
        };
    }

    internal ChatFinishReason? ToFinishReason() =>
        string.IsNullOrEmpty(FinishReason) ? null : new ChatFinishReason(FinishReason);
}
