using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Providers;

/// <summary>
/// The outermost layer of a catalog client: turns whatever a provider's client throws into one
/// <see cref="ModelProviderException"/> whose message names the model, the status and what to do,
/// and owns the HTTP client the provider's client sends through.
/// </summary>
internal sealed class ProviderErrorChatClient : DelegatingChatClient
{
    private readonly ModelEntry _entry;
    private readonly IDisposable _http;

    public ProviderErrorChatClient(IChatClient inner, ModelEntry entry, IDisposable http)
        : base(inner)
    {
        _entry = entry;
        _http = http;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = ProviderCall.Begin();
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsProviderFailure(exception, cancellationToken))
        {
            throw Translate(exception, call);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = ProviderCall.Begin();
        var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }

                    update = updates.Current;
                }
                catch (Exception exception) when (IsProviderFailure(exception, cancellationToken))
                {
                    throw Translate(exception, call);
                }

                yield return update;
            }
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _http.Dispose();
        }

        base.Dispose(disposing);
    }

    // The caller's own cancellation is not a provider failure; a timeout inside the client is.
    private static bool IsProviderFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is not ModelProviderException
        && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        && exception is not ArgumentException;

    private ModelProviderException Translate(Exception exception, ProviderCall call)
    {
        var status = call.Status;
        var who = $"model '{_entry.Id}' ({ProviderName(_entry.Provider)} '{_entry.Model}' at {_entry.Endpoint})";
        var tries = call.Tries > 1 ? $" after {call.Tries} tries" : string.Empty;
        string advice = status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => _entry.ApiKeyVariable is { } variable
                ? $"check the key in {variable}"
                : "the server wants a key: name its variable in 'api-key-variable' in models.yaml",
            HttpStatusCode.NotFound => $"check that the server has a model named '{_entry.Model}' (and that the endpoint is the API's base)",
            HttpStatusCode.TooManyRequests => call.RetryAfter is { } wait
                ? $"the provider is rate-limiting; try again in {Math.Ceiling(wait.TotalSeconds):0} s"
                : "the provider is rate-limiting; try again later",
            HttpStatusCode.BadRequest => "the provider refused the request as written",
            >= HttpStatusCode.InternalServerError => "the provider failed; try again later",
            null when exception is HttpRequestException => $"nothing answered at {_entry.Endpoint}; check that the server runs and the endpoint is right",
            null when exception is TaskCanceledException or TimeoutException => "the request took longer than the client's timeout",
            _ => "see the provider's message",
        };

        var detail = call.Body is { Length: > 0 } body ? $": {body}" : $": {exception.Message}";
        var statusText = status is { } code ? $"HTTP {(int)code} {code}" : "no answer";
        var message = $"{who} failed with {statusText}{tries}{detail}; {advice}.";
        return new ModelProviderException(message, _entry.Id, _entry.Provider, status, call.RetryAfter, exception);
    }

    internal static string ProviderName(ModelProvider provider) => provider switch
    {
        ModelProvider.OpenAI => "openai",
        ModelProvider.OpenAICompatible => "openai-compatible",
        ModelProvider.Anthropic => "anthropic",
        ModelProvider.Gemini => "gemini",
        ModelProvider.Ollama => "ollama",
        _ => provider.ToString(),
    };
}
