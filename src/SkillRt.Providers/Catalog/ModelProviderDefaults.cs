using System;

namespace SkillRt.Providers;

/// <summary>What a models.yaml entry gets for each key it leaves out, by provider.</summary>
internal static class ModelProviderDefaults
{
    public static Uri? Endpoint(ModelProvider provider) => provider switch
    {
        ModelProvider.OpenAI => new Uri("https://api.openai.com/v1"),
        ModelProvider.Anthropic => new Uri("https://api.anthropic.com"),
        ModelProvider.Gemini => new Uri("https://generativelanguage.googleapis.com/v1beta/openai/"),
        ModelProvider.Ollama => new Uri("http://localhost:11434"),
        _ => null,
    };

    // A local server (Ollama, llama.cpp, vLLM) takes no key unless the file names one.
    public static string? ApiKeyVariable(ModelProvider provider) => provider switch
    {
        ModelProvider.OpenAI => "OPENAI_API_KEY",
        ModelProvider.Anthropic => "ANTHROPIC_API_KEY",
        ModelProvider.Gemini => "GEMINI_API_KEY",
        _ => null,
    };

    // Anthropic's IChatClient (Anthropic 12.8) sends no output format for ChatOptions.ResponseFormat, so a
    // schema asked for natively would be dropped without a word: it goes into the instructions instead.
    public static StructuredOutputMode StructuredOutput(ModelProvider provider) =>
        provider == ModelProvider.Anthropic ? StructuredOutputMode.Prompt : StructuredOutputMode.Native;

    /// <summary>Anthropic's API requires max_tokens on every request; this is used when neither the file nor the call sets one.</summary>
    public const int AnthropicMaxOutputTokens = 4096;
}
