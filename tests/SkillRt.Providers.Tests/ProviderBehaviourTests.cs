using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.Providers.Tests.Infrastructure;
using Xunit;

namespace SkillRt.Providers.Tests;

/// <summary>
/// The same behaviour from every provider's real client package, each talking its own wire protocol to a
/// loopback server: text and usage, streaming, tool calls, structured output, rate-limit retries and errors.
/// </summary>
public sealed class ProviderBehaviourTests : IAsyncLifetime
{
    public static readonly TheoryData<string> Models = new("openai", "gemini", "anthropic", "ollama", "local");

    private static readonly Dictionary<string, string> Keys = new()
    {
        ["OPENAI_API_KEY"] = "k-openai",
        ["GEMINI_API_KEY"] = "k-gemini",
        ["ANTHROPIC_API_KEY"] = "k-anthropic",
    };

    private ProviderWireServer _server = null!;
    private ModelCatalog _catalog = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await ProviderWireServer.StartAsync(Ct);
        var a = _server.Address;
        _catalog = ModelCatalog.Parse($$"""
            models:
              openai: { provider: openai, model: gpt-test, endpoint: "{{a}}v1" }
              gemini: { provider: gemini, model: gemini-test, endpoint: "{{a}}v1beta/openai/" }
              anthropic: { provider: anthropic, model: claude-test, endpoint: "{{a}}" }
              ollama: { provider: ollama, model: llama-test, endpoint: "{{a}}" }
              local: { provider: openai-compatible, model: qwen-test, endpoint: "{{a}}v1", structured-output: prompt }
            """);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private IChatClient Client(string id) => _catalog.CreateChatClient(id, new ModelClientOptions
    {
        FirstRetryDelay = TimeSpan.FromMilliseconds(10),
        GetEnvironmentVariable = name => Keys.GetValueOrDefault(name),
    });

    [Theory]
    [MemberData(nameof(Models))]
    public async Task A_text_answer_comes_back_with_its_usage_and_the_key_in_the_providers_header(string id)
    {
        _server.Enqueue(new WireReply.Text("Hello from the model."));
        using var client = Client(id);

        var response = await client.GetResponseAsync("Say hello.", cancellationToken: Ct);

        Assert.Equal("Hello from the model.", response.Text);
        Assert.Equal(11, response.Usage?.InputTokenCount);
        Assert.Equal(7, response.Usage?.OutputTokenCount);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(ExpectedPath(id), request.Path);
        switch (id)
        {
            case "openai":
                Assert.Equal("Bearer k-openai", request.Headers["authorization"]);
                break;
            case "gemini":
                Assert.Equal("Bearer k-gemini", request.Headers["authorization"]);
                break;
            case "anthropic":
                Assert.Equal("k-anthropic", request.Headers["x-api-key"]);
                Assert.Equal(4096, request.Body?["max_tokens"]?.GetValue<int>());
                break;
            default:
                Assert.False(request.Headers.TryGetValue("authorization", out var sent) && sent.Contains("k-", StringComparison.Ordinal), "a local server got a key");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task A_streamed_answer_arrives_in_pieces_with_its_usage(string id)
    {
        _server.Enqueue(new WireReply.Text("One, two, three, four.", Chunks: 4));
        using var client = Client(id);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("Count.", cancellationToken: Ct))
        {
            updates.Add(update);
        }

        Assert.Equal("One, two, three, four.", string.Concat(updates.Select(u => u.Text)));
        Assert.True(updates.Count(u => u.Text.Length > 0) >= 2, "the answer came in one piece");
        var usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().Select(u => u.Details).ToList();
        Assert.NotEmpty(usage);
        Assert.Equal(7, usage.Max(u => u.OutputTokenCount ?? 0));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task A_tool_call_comes_back_as_a_function_call_with_its_arguments(string id)
    {
        _server.Enqueue(new WireReply.ToolCall("get_weather", """{"city":"Paris"}"""));
        using var client = Client(id);
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((string city) => "sunny", "get_weather", "The weather in a city.")] };

        var response = await client.GetResponseAsync("Weather in Paris?", options, Ct);

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Paris", call.Arguments?["city"]?.ToString());
        var sentTools = Assert.Single(_server.Requests).Body?["tools"]?.AsArray();
        Assert.NotNull(sentTools);
        Assert.Contains("get_weather", sentTools!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task A_schema_is_asked_for_natively_or_in_the_instructions_as_the_entry_says(string id)
    {
        _server.Enqueue(new WireReply.Text("""{"answer":42}"""));
        using var client = Client(id);
        using var schema = JsonDocument.Parse("""{"type":"object","properties":{"answer":{"type":"integer"}},"required":["answer"]}""");
        var options = new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.RootElement.Clone(), "answer") };

        var response = await client.GetResponseAsync("What is the answer?", options, Ct);

        Assert.Equal("""{"answer":42}""", response.Text);
        var body = Assert.Single(_server.Requests).Body!;
        var sent = body.ToJsonString();
        switch (id)
        {
            case "openai" or "gemini":
                Assert.Equal("json_schema", body["response_format"]?["type"]?.GetValue<string>());
                break;
            case "ollama":
                Assert.Equal("object", body["format"]?["type"]?.GetValue<string>());
                break;
            case "anthropic":
                // Anthropic's client sends no output format for a schema, so the schema goes in the system prompt.
                Assert.Null(body["output_config"]);
                Assert.Contains("\"required\":[\"answer\"]", Unescaped(body["system"]!), StringComparison.Ordinal);
                break;
            case "local":
                Assert.Null(body["response_format"]);
                var first = body["messages"]![0]!;
                Assert.Equal("system", first["role"]?.GetValue<string>());
                Assert.Contains("\"required\":[\"answer\"]", Unescaped(first["content"]!), StringComparison.Ordinal);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task A_rate_limited_request_is_sent_again_after_the_servers_retry_after(string id)
    {
        _server.Enqueue(new WireReply.Error(429, "Slow down.", RetryAfterSeconds: 0), new WireReply.Error(503, "Busy."), new WireReply.Text("Made it."));
        using var client = Client(id);

        var response = await client.GetResponseAsync("Hello?", cancellationToken: Ct);

        Assert.Equal("Made it.", response.Text);
        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(_server.Requests[0].Body?.ToJsonString(), _server.Requests[2].Body?.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task A_rate_limit_longer_than_the_longest_wait_fails_at_once_saying_when_to_try_again(string id)
    {
        _server.Enqueue(new WireReply.Error(429, "Quota used up.", RetryAfterSeconds: 120));
        using var client = Client(id);

        var failure = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetResponseAsync("Hello?", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.TooManyRequests, failure.Status);
        Assert.Equal(TimeSpan.FromSeconds(120), failure.RetryAfter);
        Assert.True(failure.IsTransient);
        Assert.Equal(id, failure.ModelId);
        Assert.Contains($"model '{id}'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Quota used up.", failure.Message, StringComparison.Ordinal);
        Assert.Contains("try again in 120 s", failure.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task A_refused_key_is_an_error_that_names_the_variable_to_check(string id)
    {
        _server.Enqueue(new WireReply.Error(401, "Invalid API key."));
        using var client = Client(id);

        var failure = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetResponseAsync("Hello?", cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, failure.Status);
        Assert.False(failure.IsTransient);
        var variable = _catalog.Find(id)!.ApiKeyVariable;
        Assert.Contains(variable is null ? "api-key-variable" : $"check the key in {variable}", failure.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task An_error_in_the_middle_of_a_stream_setup_is_the_same_error(string id)
    {
        _server.Enqueue(new WireReply.Error(404, "No such model."));
        using var client = Client(id);

        var failure = await Assert.ThrowsAsync<ModelProviderException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync("Hello?", cancellationToken: Ct))
            {
            }
        });

        Assert.Equal(HttpStatusCode.NotFound, failure.Status);
        Assert.Contains("check that the server has a model named", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_named_with_its_endpoint()
    {
        var port = GetUnusedPort();
        var catalog = ModelCatalog.Parse($"models:\n  gone: {{ provider: ollama, model: llama, endpoint: \"http://127.0.0.1:{port}\" }}\n");
        using var client = catalog.CreateChatClient("gone", new ModelClientOptions { MaxRetries = 1, FirstRetryDelay = TimeSpan.FromMilliseconds(10) });

        var failure = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetResponseAsync("Hello?", cancellationToken: Ct));

        Assert.Null(failure.Status);
        Assert.Contains($"nothing answered at http://127.0.0.1:{port}/", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_cancellation_is_a_cancellation_not_a_provider_error()
    {
        using var client = Client("openai");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("Hello?", cancellationToken: cancelled.Token));
    }

    // The instruction's text as sent, whatever shape the protocol gives it (a string, or a list of text blocks).
    private static string Unescaped(System.Text.Json.Nodes.JsonNode node) =>
        string.Concat(node is System.Text.Json.Nodes.JsonArray blocks ? blocks.Select(b => b?["text"]?.GetValue<string>()) : [node.GetValue<string>()]);

    private static string ExpectedPath(string id) => id switch
    {
        "openai" or "local" => "/v1/chat/completions",
        "gemini" => "/v1beta/openai/chat/completions",
        "anthropic" => "/v1/messages",
        _ => "/api/chat",
    };

    private static int GetUnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
