using System;
using System.ClientModel;
using System.IO;
using System.Linq;
using System.ClientModel.Primitives;
using System.Net.Http;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using SkillRt.Cli.Store;
using SkillRt.Providers;

namespace SkillRt.Cli.Running;

/// <summary>
/// The model <c>skillrt run</c> talks to: a model id (<c>--model</c>, else <c>SKILLRT_MODEL</c>, else the
/// models file's <c>default</c>). An id the models file (<c>SKILLRT_MODELS</c>, else <c>models.yaml</c> in the
/// store's folder) lists runs on that entry's provider; any other id goes to an OpenAI-compatible
/// chat-completions endpoint (<c>OPENAI_BASE_URL</c>, else OpenAI's own) with a key (<c>OPENAI_API_KEY</c>,
/// which a local server such as Ollama does not need).
/// </summary>
internal sealed class ModelConfiguration
{
    /// <summary>The variable that names the model when <c>--model</c> is not given.</summary>
    public const string ModelVariable = "SKILLRT_MODEL";

    /// <summary>The variable that points at another OpenAI-compatible server.</summary>
    public const string BaseUrlVariable = "OPENAI_BASE_URL";

    /// <summary>The variable that holds the API key.</summary>
    public const string ApiKeyVariable = "OPENAI_API_KEY";

    /// <summary>The variable that points at a models file other than the store's <c>models.yaml</c>.</summary>
    public const string CatalogVariable = "SKILLRT_MODELS";

    /// <summary>The models file's name in the store's folder.</summary>
    public const string CatalogFileName = "models.yaml";

    /// <summary>OpenAI's endpoint, used when <see cref="BaseUrlVariable"/> is not set.</summary>
    public static readonly Uri DefaultEndpoint = new("https://api.openai.com/v1");

    private ModelConfiguration(string modelId, Uri endpoint, string? apiKey, ModelCatalog? catalog = null, ModelEntry? entry = null)
    {
        ModelId = modelId;
        Endpoint = endpoint;
        ApiKey = apiKey;
        Catalog = catalog;
        Entry = entry;
    }

    /// <summary>The models file the model comes from, or <see langword="null"/> for the environment's OpenAI-compatible model.</summary>
    public ModelCatalog? Catalog { get; }

    /// <summary>The models file's entry for the model, or <see langword="null"/>.</summary>
    public ModelEntry? Entry { get; }

    /// <summary>The model to ask for, such as <c>gpt-4.1-mini</c> or <c>llama3.2</c>.</summary>
    public string ModelId { get; }

    /// <summary>The base address of the chat-completions API, such as <c>https://api.openai.com/v1</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>The API key, or <see langword="null"/> for a server that needs none.</summary>
    public string? ApiKey { get; }

    /// <summary>
    /// Reads the configuration, or says in one line which variables to set. Nothing is checked
    /// against the server here: a wrong key or model shows up as the server's answer to the first call.
    /// </summary>
    /// <param name="modelOption">The <c>--model</c> value, when given.</param>
    /// <param name="problem">When the configuration is incomplete: what to set.</param>
    /// <returns>The configuration, or <see langword="null"/> with <paramref name="problem"/> set.</returns>
    /// <exception cref="CliException">The models file cannot be read or has problems (each listed at its line).</exception>
    public static ModelConfiguration? TryRead(string? modelOption, out string? problem)
    {
        var model = NonEmpty(modelOption) ?? NonEmpty(Environment.GetEnvironmentVariable(ModelVariable));
        var catalog = ReadCatalog();
        model ??= catalog?.DefaultId;
        if (catalog is not null && model is not null && catalog.Find(model) is { } entry)
        {
            problem = null;
            return new ModelConfiguration(entry.Model, entry.Endpoint, apiKey: null, catalog, entry);
        }

        var baseUrl = NonEmpty(Environment.GetEnvironmentVariable(BaseUrlVariable));
        var apiKey = NonEmpty(Environment.GetEnvironmentVariable(ApiKeyVariable));

        Uri endpoint = DefaultEndpoint;
        if (baseUrl is not null
            && (!Uri.TryCreate(baseUrl, UriKind.Absolute, out endpoint!) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            problem = $"{BaseUrlVariable} is '{baseUrl}', which is not an http or https URL; set it to the server's API base, such as https://api.openai.com/v1 or http://localhost:11434/v1.";
            return null;
        }

        // Only OpenAI's own endpoint is sure to need a key; a server named in OPENAI_BASE_URL may be a
        // local one (Ollama, llama.cpp, vLLM) that takes any key or none.
        var keyMissing = apiKey is null && baseUrl is null;
        problem = (model, keyMissing) switch
        {
            (null, true) => $"no model is configured: set {ModelVariable} (or pass --model) and {ApiKeyVariable}; for a local OpenAI-compatible server such as Ollama set {BaseUrlVariable} (http://localhost:11434/v1) instead of the key.",
            (null, false) => $"no model is configured: set {ModelVariable} to a model {endpoint} serves, or pass --model <id>.",
            (_, true) => $"no API key for {endpoint}: set {ApiKeyVariable}, or set {BaseUrlVariable} to an OpenAI-compatible server that needs none (such as Ollama's http://localhost:11434/v1).",
            _ => null,
        };

        return problem is null ? new ModelConfiguration(model!, endpoint, apiKey) : null;
    }

    /// <summary>How many times the client asks again after a failed request (429, 5xx, a dropped connection): 2, so 3 tries at most.</summary>
    public const int MaxRetries = 2;

    /// <summary>
    /// The official OpenAI chat client for this model and endpoint, as an <see cref="IChatClient"/>,
    /// bounded by the run: one try may take the whole run (a long answer can take minutes), every
    /// try together never more, and a whole response is read only up to a size the answer limit allows.
    /// </summary>
    /// <param name="runTimeout">The run's time limit; the run stops at it whatever the client is doing.</param>
    /// <param name="maxAnswerLength">The runner's answer limit, in characters.</param>
    public IChatClient CreateChatClient(TimeSpan runTimeout, int maxAnswerLength)
    {
        if (Catalog is not null && Entry is not null)
        {
            try
            {
                // Just past the run's limit, as below: the run's own deadline fires first and says which limit to raise.
                return Catalog.CreateChatClient(Entry.Id, new ModelClientOptions { MaxRetries = MaxRetries, RequestTimeout = runTimeout + TimeSpan.FromSeconds(5) });
            }
            catch (ModelCatalogException exception)
            {
                throw new CliException(ExitCodes.NotConfigured, exception.Message, innerException: exception);
            }
        }

        // The connection pool is this client's own, so a response abandoned at the size limit is not
        // drained to reuse its connection: it is closed.
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(30),
            MaxResponseDrainSize = 0,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        var httpClient = new HttpClient(new ResponseSizeLimitHandler(ResponseSizeLimitHandler.ForAnswerLength(maxAnswerLength), handler))
        {
            // The pipeline applies NetworkTimeout itself, per try.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        var options = new OpenAIClientOptions
        {
            Endpoint = Endpoint,
            UserAgentApplicationId = "skillrt-cli",
            Transport = new HttpClientPipelineTransport(httpClient),
            RetryPolicy = new ClientRetryPolicy(MaxRetries),

            // Just past the run's limit: the run's own deadline fires first and says which limit to raise.
            NetworkTimeout = runTimeout + TimeSpan.FromSeconds(5),
        };

        // The client refuses an empty key; servers that need none ignore whatever is sent.
        var credential = new ApiKeyCredential(ApiKey ?? "unused");
        return new HttpClientOwner(new ChatClient(ModelId, credential, options).AsIChatClient(), httpClient);
    }

    /// <summary>Disposes the HTTP client the chat client was built on along with it.</summary>
    private sealed class HttpClientOwner(IChatClient inner, HttpClient httpClient) : DelegatingChatClient(inner)
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                httpClient.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    // The models file: SKILLRT_MODELS (which must exist), else models.yaml beside the store when there is one.
    private static ModelCatalog? ReadCatalog()
    {
        var named = NonEmpty(Environment.GetEnvironmentVariable(CatalogVariable));
        var path = named ?? Path.Combine(SkillStoreLocation.Resolve(), CatalogFileName);
        if (named is null && !File.Exists(path))
        {
            return null;
        }

        try
        {
            return ModelCatalog.Load(path);
        }
        catch (ModelCatalogException exception)
        {
            var count = exception.Problems.Count;
            throw new CliException(ExitCodes.NotConfigured, $"the models file {path} has {(count == 1 ? "a problem" : $"{count} problems")}; fix {(count == 1 ? "it" : "them")} at the line{(count == 1 ? string.Empty : "s")} above (docs/providers.md).", innerException: exception)
            {
                Diagnostics = exception.Problems.Select(p => p.ToString()).ToList(),
            };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.NotConfigured, $"cannot read the models file {path}: {exception.Message}{(named is null ? string.Empty : $"; check {CatalogVariable}")}.", innerException: exception);
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
