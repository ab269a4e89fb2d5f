namespace SkillRt.Providers;

/// <summary>Who serves a model, which decides the wire protocol and the client used (<c>provider:</c> in models.yaml).</summary>
public enum ModelProvider
{
    /// <summary><c>openai</c>: OpenAI's chat-completions API, through the official OpenAI client.</summary>
    OpenAI,

    /// <summary>
    /// <c>openai-compatible</c>: any server speaking OpenAI's chat-completions protocol at <c>endpoint</c>
    /// (llama.cpp's server, vLLM, LM Studio, a gateway), through the official OpenAI client.
    /// </summary>
    OpenAICompatible,

    /// <summary><c>anthropic</c>: Anthropic's Messages API, through Anthropic's official client.</summary>
    Anthropic,

    /// <summary>
    /// <c>gemini</c>: Google's Gemini through its OpenAI-compatible endpoint, through the official OpenAI
    /// client (no official Gemini client for .NET is available; that endpoint has chat, streaming, tools
    /// and JSON-schema output).
    /// </summary>
    Gemini,

    /// <summary><c>ollama</c>: a local Ollama server's own API, through OllamaSharp.</summary>
    Ollama,
}
