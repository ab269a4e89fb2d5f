using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace SkillRt.Runtime.Tests.Integration;

/// <summary>Writes chat-completions response bodies in the shape OpenAI's API returns them.</summary>
internal static class ChatCompletionJson
{
    public const string SystemFingerprint = "fp_skillrt_test";

    /// <summary>A whole <c>chat.completion</c> object.</summary>
    public static byte[] Completion(string id, long created, string model, string content, string finishReason, int promptTokens, int completionTokens)
    {
        return Write(writer =>
        {
            WriteHeader(writer, id, "chat.completion", created, model);
            writer.WriteStartArray("choices");
            writer.WriteStartObject();
            writer.WriteNumber("index", 0);
            writer.WriteStartObject("message");
            writer.WriteString("role", "assistant");
            writer.WriteString("content", content);
            writer.WriteNull("refusal");
            writer.WriteStartArray("annotations");
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteNull("logprobs");
            writer.WriteString("finish_reason", finishReason);
            writer.WriteEndObject();
            writer.WriteEndArray();
            WriteUsage(writer, promptTokens, completionTokens);
            writer.WriteEndObject();
        });
    }

    /// <summary>A whole <c>chat.completion</c> whose assistant message asks for tool calls, finishing with <c>tool_calls</c>.</summary>
    public static byte[] ToolCalls(string id, long created, string model, IReadOnlyList<ScriptedToolCall> calls, int promptTokens, int completionTokens)
    {
        return Write(writer =>
        {
            WriteHeader(writer, id, "chat.completion", created, model);
            writer.WriteStartArray("choices");
            writer.WriteStartObject();
            writer.WriteNumber("index", 0);
            writer.WriteStartObject("message");
            writer.WriteString("role", "assistant");
            writer.WriteNull("content");
            writer.WriteNull("refusal");
            writer.WriteStartArray("tool_calls");
            foreach (var call in calls)
            {
                writer.WriteStartObject();
                writer.WriteString("id", call.Id);
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", call.Name);
                writer.WriteString("arguments", call.Arguments);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("annotations");
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteNull("logprobs");
            writer.WriteString("finish_reason", "tool_calls");
            writer.WriteEndObject();
            writer.WriteEndArray();
            WriteUsage(writer, promptTokens, completionTokens);
            writer.WriteEndObject();
        });
    }

    /// <summary>
    /// A <c>chat.completion.chunk</c> with one choice whose delta carries the role (first chunk),
    /// some content, or nothing (the last chunk, with the finish reason).
    /// </summary>
    public static byte[] Chunk(string id, long created, string model, bool role, string? content, string? finishReason, bool usageNull)
    {
        return Write(writer =>
        {
            WriteHeader(writer, id, "chat.completion.chunk", created, model);
            writer.WriteStartArray("choices");
            writer.WriteStartObject();
            writer.WriteNumber("index", 0);
            writer.WriteStartObject("delta");
            if (role)
            {
                writer.WriteString("role", "assistant");
                writer.WriteNull("refusal");
            }

            if (content is not null)
            {
                writer.WriteString("content", content);
            }

            writer.WriteEndObject();
            writer.WriteNull("logprobs");
            if (finishReason is null)
            {
                writer.WriteNull("finish_reason");
            }
            else
            {
                writer.WriteString("finish_reason", finishReason);
            }

            writer.WriteEndObject();
            writer.WriteEndArray();
            if (usageNull)
            {
                writer.WriteNull("usage");
            }

            writer.WriteEndObject();
        });
    }

    /// <summary>
    /// A <c>chat.completion.chunk</c> whose delta asks for tool calls, each whole in this one chunk
    /// (OpenAI may split the arguments over several chunks; one is enough for a client to assemble).
    /// </summary>
    public static byte[] ToolCallsChunk(string id, long created, string model, IReadOnlyList<ScriptedToolCall> calls, bool usageNull)
    {
        return Write(writer =>
        {
            WriteHeader(writer, id, "chat.completion.chunk", created, model);
            writer.WriteStartArray("choices");
            writer.WriteStartObject();
            writer.WriteNumber("index", 0);
            writer.WriteStartObject("delta");
            writer.WriteString("role", "assistant");
            writer.WriteNull("content");
            writer.WriteStartArray("tool_calls");
            for (var i = 0; i < calls.Count; i++)
            {
                writer.WriteStartObject();
                writer.WriteNumber("index", i);
                writer.WriteString("id", calls[i].Id);
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", calls[i].Name);
                writer.WriteString("arguments", calls[i].Arguments);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteNull("logprobs");
            writer.WriteNull("finish_reason");
            writer.WriteEndObject();
            writer.WriteEndArray();
            if (usageNull)
            {
                writer.WriteNull("usage");
            }

            writer.WriteEndObject();
        });
    }

    /// <summary>The last chunk of a stream: no choices, only the usage.</summary>
    public static byte[] UsageChunk(string id, long created, string model, int promptTokens, int completionTokens)
    {
        return Write(writer =>
        {
            WriteHeader(writer, id, "chat.completion.chunk", created, model);
            writer.WriteStartArray("choices");
            writer.WriteEndArray();
            WriteUsage(writer, promptTokens, completionTokens);
            writer.WriteEndObject();
        });
    }

    /// <summary>An error body: <c>{"error":{"message","type","param","code"}}</c>.</summary>
    public static byte[] Error(string message, string type, string? code, string? param = null)
    {
        return Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", message);
            writer.WriteString("type", type);
            WriteStringOrNull(writer, "param", param);
            WriteStringOrNull(writer, "code", code);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    private static void WriteHeader(Utf8JsonWriter writer, string id, string kind, long created, string model)
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("object", kind);
        writer.WriteNumber("created", created);
        writer.WriteString("model", model);
        writer.WriteString("service_tier", "default");
        writer.WriteString("system_fingerprint", SystemFingerprint);
    }

    private static void WriteUsage(Utf8JsonWriter writer, int promptTokens, int completionTokens)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", promptTokens);
        writer.WriteNumber("completion_tokens", completionTokens);
        writer.WriteNumber("total_tokens", promptTokens + completionTokens);
        writer.WriteStartObject("prompt_tokens_details");
        writer.WriteNumber("cached_tokens", 0);
        writer.WriteNumber("audio_tokens", 0);
        writer.WriteEndObject();
        writer.WriteStartObject("completion_tokens_details");
        writer.WriteNumber("reasoning_tokens", 0);
        writer.WriteNumber("audio_tokens", 0);
        writer.WriteNumber("accepted_prediction_tokens", 0);
        writer.WriteNumber("rejected_prediction_tokens", 0);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return stream.ToArray();
    }
}
