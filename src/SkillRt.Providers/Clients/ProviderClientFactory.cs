using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http;
using Anthropic;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;
using OpenAI.Chat;

namespace SkillRt.Providers;

/// <summary>Builds each provider's official client over one HTTP stack, then the shared layers over it.</summary>
internal static class ProviderClientFactory
{
    public static IChatClient Create(ModelEntry entry, ModelClientOptions options)
    {
        options.Validate();
        var apiKey = ReadKey(entry, options);

        // The connection pool is this client's own; every provider's requests go through the same retry policy.
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30), PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        var http = new HttpClient(new RateLimitRetryHandler(options, handler)) { Timeout = options.RequestTimeout };
        try
        {
            IChatClient client = entry.Provider switch
            {
                ModelProvider.OpenAI or ModelProvider.OpenAICompatible or ModelProvider.Gemini => CreateOpenAI(entry, apiKey, http, options),
                ModelProvider.Anthropic => CreateAnthropic(entry, apiKey, http, options),
                ModelProvider.Ollama => CreateOllama(entry, http),
                _ => throw new ArgumentOutOfRangeException(nameof(entry), entry.Provider, "Unknown provider."),
            };

            if (entry.StructuredOutput == StructuredOutputMode.Prompt)
            {
                client = new PromptedJsonChatClient(client);
            }

            return new ProviderErrorChatClient(client, entry, http);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    private static string? ReadKey(ModelEntry entry, ModelClientOptions options)
    {
        if (entry.ApiKeyVariable is not { } variable)
        {
            return null;
        }

        var key = options.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new ModelCatalogException(
                $"model '{entry.Id}' needs an API key in {variable}, which is not set; set it, or set 'api-key-variable: null' in models.yaml for a server that needs none");
        }

        return key;
    }

    private static IChatClient CreateOpenAI(ModelEntry entry, string? apiKey, HttpClient http, ModelClientOptions options)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = entry.Endpoint,
            UserAgentApplicationId = "skillrt",
            Transport = new HttpClientPipelineTransport(http),

            // RateLimitRetryHandler retries, the same way for every provider.
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = options.RequestTimeout,
        };

        // The client refuses an empty key; a server that needs none ignores whatever is sent.
        return new ChatClient(entry.Model, new ApiKeyCredential(apiKey ?? "unused"), clientOptions).AsIChatClient();
    }

    private static IChatClient CreateAnthropic(ModelEntry entry, string? apiKey, HttpClient http, ModelClientOptions options)
    {
        var client = new AnthropicClient
        {
            ApiKey = apiKey,
            BaseUrl = entry.Endpoint.ToString().TrimEnd('/'),
            HttpClient = http,
            MaxRetries = 0,
            Timeout = options.RequestTimeout,
        };
        return client.AsIChatClient(entry.Model, entry.MaxOutputTokens ?? ModelProviderDefaults.AnthropicMaxOutputTokens);
    }

    private static IChatClient CreateOllama(ModelEntry entry, HttpClient http)
    {
        http.BaseAddress = entry.Endpoint;
        return new OllamaApiClient(http, entry.Model);
    }
}
