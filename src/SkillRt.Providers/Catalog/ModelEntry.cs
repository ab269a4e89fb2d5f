using System;

namespace SkillRt.Providers;

/// <summary>One model of the catalog: the id skills and handoffs name, and how to reach it.</summary>
public sealed class ModelEntry
{
    /// <summary>The id used everywhere else (<c>skillrt run --model cheap</c>, a handoff's model): the key in models.yaml.</summary>
    public required string Id { get; init; }

    /// <summary>Who serves it.</summary>
    public required ModelProvider Provider { get; init; }

    /// <summary>The provider's own name for the model: <c>gpt-4.1-mini</c>, <c>claude-sonnet-4-5</c>, <c>llama3.2</c>.</summary>
    public required string Model { get; init; }

    /// <summary>The API's base address: the provider's public one unless the file gives another.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>
    /// The environment variable holding the API key (keys are never written in the file), or
    /// <see langword="null"/> for a server that needs none (Ollama, a local OpenAI-compatible server).
    /// </summary>
    public string? ApiKeyVariable { get; init; }

    /// <summary>How JSON output is asked for.</summary>
    public StructuredOutputMode StructuredOutput { get; init; }

    /// <summary>The most tokens one answer may have, when the file sets it (Anthropic requires a value; 4096 by default).</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>What the model costs in US dollars per million tokens, when the file says.</summary>
    public ModelPrice? Price { get; init; }

    /// <summary>Where the entry is in the file (line), for messages.</summary>
    public int Line { get; init; }
}
