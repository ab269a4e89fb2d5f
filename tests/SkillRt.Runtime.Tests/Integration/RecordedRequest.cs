using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace SkillRt.Runtime.Tests.Integration;

/// <summary>
/// One HTTP request that <see cref="OpenAIChatServer"/> received, with its JSON body parsed and
/// the chat-completions fields the tests look at most often read out of it.
/// </summary>
public sealed class RecordedRequest
{
    private int _aborted;

    internal RecordedRequest(int number, string method, string path, IReadOnlyDictionary<string, string> headers, string rawBody, JsonElement body)
    {
        Number = number;
        Method = method;
        Path = path;
        Headers = headers;
        RawBody = rawBody;
        Body = body;

        if (body.ValueKind != JsonValueKind.Object)
        {
            Messages = Array.Empty<RecordedMessage>();
            return;
        }

        Model = GetString(body, "model");
        Messages = ReadMessages(body);
        ResponseFormat = RecordedResponseFormat.Read(body);
        Stream = body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;
        if (body.TryGetProperty("stream_options", out var options) && options.ValueKind == JsonValueKind.Object
            && options.TryGetProperty("include_usage", out var includeUsage)
            && includeUsage.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            StreamIncludeUsage = includeUsage.GetBoolean();
        }

        Temperature = GetDouble(body, "temperature");
        TopP = GetDouble(body, "top_p");
        if (GetInt(body, "max_completion_tokens") is { } maxCompletionTokens)
        {
            MaxTokens = maxCompletionTokens;
            MaxTokensField = "max_completion_tokens";
        }
        else if (GetInt(body, "max_tokens") is { } maxTokens)
        {
            MaxTokens = maxTokens;
            MaxTokensField = "max_tokens";
        }
    }

    /// <summary>The request's number, 1 for the first request the server received.</summary>
    public int Number { get; }

    /// <summary>The HTTP method, e.g. <c>POST</c>.</summary>
    public string Method { get; }

    /// <summary>The request path, e.g. <c>/v1/chat/completions</c>.</summary>
    public string Path { get; }

    /// <summary>The request headers (a header sent several times has its values joined by commas).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body as text.</summary>
    public string RawBody { get; }

    /// <summary>The parsed JSON body (cloned, so it outlives the request); <c>Undefined</c> when the body was not JSON.</summary>
    public JsonElement Body { get; }

    /// <summary>The <c>model</c> field.</summary>
    public string? Model { get; }

    /// <summary>The <c>messages</c>, in order.</summary>
    public IReadOnlyList<RecordedMessage> Messages { get; }

    /// <summary>The <c>response_format</c> field, or <see langword="null"/> when absent.</summary>
    public RecordedResponseFormat? ResponseFormat { get; }

    /// <summary>Whether <c>stream</c> was <see langword="true"/>.</summary>
    public bool Stream { get; }

    /// <summary><c>stream_options.include_usage</c>, or <see langword="null"/> when absent.</summary>
    public bool? StreamIncludeUsage { get; }

    /// <summary>The <c>temperature</c> field.</summary>
    public double? Temperature { get; }

    /// <summary>The <c>top_p</c> field.</summary>
    public double? TopP { get; }

    /// <summary><c>max_completion_tokens</c>, or <c>max_tokens</c> when only that one was sent.</summary>
    public int? MaxTokens { get; }

    /// <summary>Which field <see cref="MaxTokens"/> came from: <c>max_completion_tokens</c>, <c>max_tokens</c> or <see langword="null"/>.</summary>
    public string? MaxTokensField { get; }

    /// <summary>Whether the server saw the client abort this request before its reply was complete.</summary>
    public bool WasAborted => Volatile.Read(ref _aborted) != 0;

    internal void MarkAborted() => Volatile.Write(ref _aborted, 1);

    /// <inheritdoc />
    public override string ToString() => $"#{Number} {Method} {Path} {RawBody}";

    private static List<RecordedMessage> ReadMessages(JsonElement body)
    {
        var messages = new List<RecordedMessage>();
        if (!body.TryGetProperty("messages", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return messages;
        }

        foreach (var message in array.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            messages.Add(new RecordedMessage(GetString(message, "role") ?? "", ReadText(message), message));
        }

        return messages;
    }

    // Content is either a string or an array of parts; the text parts are joined in order.
    private static string ReadText(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return "";
        }

        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString() ?? "";
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.String)
                    {
                        text.Append(part.GetString());
                    }
                    else if (part.ValueKind == JsonValueKind.Object && GetString(part, "text") is { } partText)
                    {
                        text.Append(partText);
                    }
                }

                return text.ToString();
            default:
                return "";
        }
    }

    internal static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? GetDouble(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static int? GetInt(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
}

/// <summary>One entry of a request's <c>messages</c>.</summary>
/// <param name="Role">The <c>role</c>: system, developer, user, assistant or tool.</param>
/// <param name="Text">The content as text: the string, or the text parts of a content array joined in order.</param>
/// <param name="Json">The whole message as sent (tool calls, names and other fields are here).</param>
public sealed record RecordedMessage(string Role, string Text, JsonElement Json);

/// <summary>A request's <c>response_format</c>.</summary>
/// <param name="Type"><c>text</c>, <c>json_object</c> or <c>json_schema</c>.</param>
/// <param name="SchemaName"><c>json_schema.name</c>, when the type is <c>json_schema</c>.</param>
/// <param name="Schema"><c>json_schema.schema</c>, when the type is <c>json_schema</c>.</param>
/// <param name="Strict"><c>json_schema.strict</c>, when sent.</param>
/// <param name="Json">The whole <c>response_format</c> object as sent.</param>
public sealed record RecordedResponseFormat(string Type, string? SchemaName, JsonElement? Schema, bool? Strict, JsonElement Json)
{
    internal static RecordedResponseFormat? Read(JsonElement body)
    {
        if (!body.TryGetProperty("response_format", out var format) || format.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? name = null;
        JsonElement? schema = null;
        bool? strict = null;
        if (format.TryGetProperty("json_schema", out var jsonSchema) && jsonSchema.ValueKind == JsonValueKind.Object)
        {
            name = RecordedRequest.GetString(jsonSchema, "name");
            if (jsonSchema.TryGetProperty("schema", out var schemaElement))
            {
                schema = schemaElement;
            }

            if (jsonSchema.TryGetProperty("strict", out var strictElement) && strictElement.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                strict = strictElement.GetBoolean();
            }
        }

        return new RecordedResponseFormat(RecordedRequest.GetString(format, "type") ?? "", name, schema, strict, format);
    }
}
