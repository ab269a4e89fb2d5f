using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace SkillRt.Providers.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on 127.0.0.1 that speaks three providers' chat wire protocols, each at its real path:
/// OpenAI chat completions (<c>…/chat/completions</c>, also Gemini's OpenAI-compatible endpoint), Anthropic
/// Messages (<c>/v1/messages</c>, JSON and server-sent events) and Ollama (<c>/api/chat</c>, JSON and NDJSON).
/// Each request takes the next queued <see cref="WireReply"/>; every request is recorded.
/// </summary>
internal sealed class ProviderWireServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Queue<WireReply> _replies = new();
    private readonly List<WireRequest> _requests = [];
    private readonly object _gate = new();

    private ProviderWireServer(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<WireRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    public static async Task<ProviderWireServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ProviderWireServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken);
        server.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/') + "/");
        return server;
    }

    public ProviderWireServer Enqueue(params WireReply[] replies)
    {
        lock (_gate)
        {
            foreach (var reply in replies)
            {
                _replies.Enqueue(reply);
            }
        }

        return this;
    }

    /// <summary>Forgets the requests and replies of the previous test (one server serves a test class).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _replies.Clear();
            _requests.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        var body = text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        var path = context.Request.Path.Value ?? string.Empty;
        var request = new WireRequest(path, body, context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()));
        WireReply? reply;
        lock (_gate)
        {
            _requests.Add(request);
            _replies.TryDequeue(out reply);
        }

        if (reply is null)
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync("no reply queued", context.RequestAborted);
            return;
        }

        if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            await OpenAIAsync(context, body, reply);
        }
        else if (path == "/v1/messages")
        {
            await AnthropicAsync(context, body, reply);
        }
        else if (path == "/api/chat")
        {
            await OllamaAsync(context, body, reply);
        }
        else
        {
            context.Response.StatusCode = 404;
        }
    }

    private static string ModelOf(JsonObject? body) => body?["model"]?.GetValue<string>() ?? "unknown";

    private static async Task ErrorAsync(HttpContext context, WireReply.Error error, object payload)
    {
        context.Response.StatusCode = error.Status;
        if (error.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(payload), context.RequestAborted);
    }

    private static async Task SendEventAsync(HttpContext context, string? name, object data)
    {
        var prefix = name is null ? string.Empty : $"event: {name}\n";
        await context.Response.WriteAsync($"{prefix}data: {JsonSerializer.Serialize(data)}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static IEnumerable<string> Split(string text, int chunks)
    {
        var size = Math.Max(1, (int)Math.Ceiling(text.Length / (double)Math.Max(1, chunks)));
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }

    // --- OpenAI chat completions (and Gemini's OpenAI-compatible endpoint) ---
    private static async Task OpenAIAsync(HttpContext context, JsonObject? body, WireReply reply)
    {
        var model = ModelOf(body);
        if (reply is WireReply.Error error)
        {
            await ErrorAsync(context, error, new { error = new { message = error.Message, type = error.Status == 429 ? "rate_limit_exceeded" : "invalid_request_error", code = (string?)null } });
            return;
        }

        var stream = body?["stream"]?.GetValue<bool>() == true;
        var (input, output) = reply switch
        {
            WireReply.Text t => (t.InputTokens, t.OutputTokens),
            WireReply.ToolCall c => (c.InputTokens, c.OutputTokens),
            _ => (0, 0),
        };
        var usage = new { prompt_tokens = input, completion_tokens = output, total_tokens = input + output };
        if (!stream)
        {
            object message = reply is WireReply.ToolCall call
                ? new { role = "assistant", content = (string?)null, tool_calls = new[] { new { id = "call_1", type = "function", function = new { name = call.Name, arguments = call.ArgumentsJson } } } }
                : new { role = "assistant", content = ((WireReply.Text)reply).Content };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                id = "chatcmpl-1",
                @object = "chat.completion",
                created = 1_700_000_000,
                model,
                choices = new[] { new { index = 0, message, finish_reason = reply is WireReply.ToolCall ? "tool_calls" : "stop" } },
                usage,
            }), context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        object Chunk(object delta, string? finish) => new { id = "chatcmpl-1", @object = "chat.completion.chunk", created = 1_700_000_000, model, choices = new[] { new { index = 0, delta, finish_reason = finish } } };
        await SendEventAsync(context, null, Chunk(new { role = "assistant", content = "" }, null));
        if (reply is WireReply.Text text)
        {
            foreach (var piece in Split(text.Content, text.Chunks))
            {
                await SendEventAsync(context, null, Chunk(new { content = piece }, null));
            }
        }
        else if (reply is WireReply.ToolCall call)
        {
            await SendEventAsync(context, null, Chunk(new { tool_calls = new[] { new { index = 0, id = "call_1", type = "function", function = new { name = call.Name, arguments = call.ArgumentsJson } } } }, null));
        }

        await SendEventAsync(context, null, Chunk(new { }, reply is WireReply.ToolCall ? "tool_calls" : "stop"));
        await SendEventAsync(context, null, new { id = "chatcmpl-1", @object = "chat.completion.chunk", created = 1_700_000_000, model, choices = Array.Empty<object>(), usage });
        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }

    // --- Anthropic Messages ---
    private static async Task AnthropicAsync(HttpContext context, JsonObject? body, WireReply reply)
    {
        var model = ModelOf(body);
        if (reply is WireReply.Error error)
        {
            var type = error.Status switch { 429 => "rate_limit_error", 401 => "authentication_error", 404 => "not_found_error", 529 => "overloaded_error", _ => "invalid_request_error" };
            await ErrorAsync(context, error, new { type = "error", error = new { type, message = error.Message } });
            return;
        }

        var stream = body?["stream"]?.GetValue<bool>() == true;
        var (input, output) = reply switch
        {
            WireReply.Text t => (t.InputTokens, t.OutputTokens),
            WireReply.ToolCall c => (c.InputTokens, c.OutputTokens),
            _ => (0, 0),
        };
        var stopReason = reply is WireReply.ToolCall ? "tool_use" : "end_turn";
        if (!stream)
        {
            object block = reply is WireReply.ToolCall call
                ? new { type = "tool_use", id = "toolu_1", name = call.Name, input = JsonNode.Parse(call.ArgumentsJson), caller = new { type = "direct" } }
                : new { type = "text", text = ((WireReply.Text)reply).Content };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                id = "msg_1",
                type = "message",
                role = "assistant",
                model,
                content = new[] { block },
                stop_reason = stopReason,
                stop_sequence = (string?)null,
                usage = new { input_tokens = input, output_tokens = output },
            }), context.RequestAborted);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        await SendEventAsync(context, "message_start", new
        {
            type = "message_start",
            message = new { id = "msg_1", type = "message", role = "assistant", model, content = Array.Empty<object>(), stop_reason = (string?)null, stop_sequence = (string?)null, usage = new { input_tokens = input, output_tokens = 1 } },
        });
        if (reply is WireReply.Text text)
        {
            await SendEventAsync(context, "content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "text", text = "" } });
            foreach (var piece in Split(text.Content, text.Chunks))
            {
                await SendEventAsync(context, "content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text = piece } });
            }
        }
        else if (reply is WireReply.ToolCall call)
        {
            await SendEventAsync(context, "content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "tool_use", id = "toolu_1", name = call.Name, input = new { }, caller = new { type = "direct" } } });
            await SendEventAsync(context, "content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "input_json_delta", partial_json = call.ArgumentsJson } });
        }

        await SendEventAsync(context, "content_block_stop", new { type = "content_block_stop", index = 0 });
        await SendEventAsync(context, "message_delta", new { type = "message_delta", delta = new { stop_reason = stopReason, stop_sequence = (string?)null }, usage = new { output_tokens = output } });
        await SendEventAsync(context, "message_stop", new { type = "message_stop" });
    }

    // --- Ollama /api/chat ---
    private static async Task OllamaAsync(HttpContext context, JsonObject? body, WireReply reply)
    {
        var model = ModelOf(body);
        if (reply is WireReply.Error error)
        {
            await ErrorAsync(context, error, new { error = error.Message });
            return;
        }

        // Ollama streams unless the request says "stream": false.
        var stream = body?["stream"]?.GetValue<bool>() != false;
        var (input, output) = reply switch
        {
            WireReply.Text t => (t.InputTokens, t.OutputTokens),
            WireReply.ToolCall c => (c.InputTokens, c.OutputTokens),
            _ => (0, 0),
        };
        object Final(object message) => new
        {
            model,
            created_at = "2026-12-07T00:00:00Z",
            message,
            done = true,
            done_reason = "stop",
            total_duration = 1_000_000,
            load_duration = 1000,
            prompt_eval_count = input,
            prompt_eval_duration = 1000,
            eval_count = output,
            eval_duration = 1000,
        };
        object FinalMessage() => reply is WireReply.ToolCall call
            ? new { role = "assistant", content = "", tool_calls = new[] { new { function = new { name = call.Name, arguments = JsonNode.Parse(call.ArgumentsJson) } } } }
            : new { role = "assistant", content = stream ? "" : ((WireReply.Text)reply).Content };

        context.Response.ContentType = stream ? "application/x-ndjson" : "application/json";
        if (stream && reply is WireReply.Text text)
        {
            foreach (var piece in Split(text.Content, text.Chunks))
            {
                await context.Response.WriteAsync(JsonSerializer.Serialize(new { model, created_at = "2026-12-07T00:00:00Z", message = new { role = "assistant", content = piece }, done = false }) + "\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }

        await context.Response.WriteAsync(JsonSerializer.Serialize(Final(FinalMessage())) + (stream ? "\n" : string.Empty), context.RequestAborted);
    }
}

/// <summary>One request the server received: its path, its JSON body and its headers (names lowercased).</summary>
internal sealed record WireRequest(string Path, JsonObject? Body, IReadOnlyDictionary<string, string> Headers);
