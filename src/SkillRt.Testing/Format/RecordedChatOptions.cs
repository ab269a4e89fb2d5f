using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SkillRt.Testing;

/// <summary>The options of a recorded request that change what a model answers.</summary>
/// <remarks>
/// Recorded so a reader of the file can see what produced a response. Replay does not compare them:
/// a changed temperature should not fail a test whose messages are the same.
/// </remarks>
public sealed class RecordedChatOptions
{
    /// <summary>The kind of response format for <see cref="ResponseFormat"/>: free text.</summary>
    public const string TextFormat = "text";

    /// <summary>The kind of response format for <see cref="ResponseFormat"/>: JSON, with or without a schema.</summary>
    public const string JsonFormat = "json";

    /// <summary>The model asked for, when the request named one.</summary>
    public string? ModelId { get; set; }

    /// <summary>The sampling temperature, when set.</summary>
    public float? Temperature { get; set; }

    /// <summary>The most tokens the response may have, when set.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary><see cref="TextFormat"/> or <see cref="JsonFormat"/>; <see langword="null"/> when the request left it to the model.</summary>
    public string? ResponseFormat { get; set; }

    /// <summary>The JSON Schema the response had to follow, when the format was JSON with a schema.</summary>
    public JsonElement? JsonSchema { get; set; }

    /// <summary>The options worth recording, or <see langword="null"/> when none of them is set.</summary>
    internal static RecordedChatOptions? From(ChatOptions? options)
    {
        if (options is null)
        {
            return null;
        }

        var recorded = new RecordedChatOptions
        {
            ModelId = options.ModelId,
            Temperature = options.Temperature,
            MaxOutputTokens = options.MaxOutputTokens,
        };

        switch (options.ResponseFormat)
        {
            case ChatResponseFormatText:
                recorded.ResponseFormat = TextFormat;
                break;
            case ChatResponseFormatJson json:
                recorded.ResponseFormat = JsonFormat;
                // Cloned so the recording does not depend on a JsonDocument the caller may dispose.
                recorded.JsonSchema = json.Schema?.Clone();
                break;
        }

        var empty = recorded.ModelId is null && recorded.Temperature is null && recorded.MaxOutputTokens is null && recorded.ResponseFormat is null;
        return empty ? null : recorded;
    }
}
