using System;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace SkillRt.Server.Hosting;

/// <summary>
/// Reads a JSON request body with an answer for every way it can be wrong: not JSON, the wrong shape
/// (with the JSON path and line), empty, or over the size limit. Modules use it instead of binding
/// bodies implicitly, whose failures are a bare 400.
/// </summary>
public static class ServerJson
{
    /// <summary>How JSON is written and read by every module: camelCase, as the web expects.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The largest JSON body a module reads with <see cref="ReadBodyAsync{T}"/> unless it says otherwise.</summary>
    public const int DefaultMaxBytes = 64 * 1024;

    /// <summary>The body as <typeparamref name="T"/>, or a problem result to return as is.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadBodyAsync<T>(HttpRequest request, int maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength is { } length && length > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        if (!request.HasJsonContentType())
        {
            return (null, Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Expected JSON",
                detail: "Send the body as JSON with 'Content-Type: application/json'."));
        }

        var buffer = new byte[Math.Min(maxBytes, 16 * 1024)];
        var used = 0;
        while (true)
        {
            if (used == buffer.Length)
            {
                if (buffer.Length >= maxBytes)
                {
                    // One byte more than allowed is proof enough.
                    var probe = new byte[1];
                    if (await request.Body.ReadAsync(probe, cancellationToken).ConfigureAwait(false) > 0)
                    {
                        return (null, TooLarge(maxBytes));
                    }

                    break;
                }

                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxBytes));
            }

            var read = await request.Body.ReadAsync(buffer.AsMemory(used), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            used += read;
        }

        if (used == 0)
        {
            return (null, Invalid("The request body is empty; send a JSON object."));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.AsSpan(0, used), Options);
            return value is null ? (null, Invalid("The request body is JSON null; send a JSON object.")) : (value, null);
        }
        catch (JsonException exception)
        {
            var where = exception.Path is { Length: > 0 } path ? $" at {path}" : "";
            var line = exception.LineNumber is { } number ? $" (line {number + 1}, byte {exception.BytePositionInLine + 1})" : "";
            return (null, Invalid($"The request body is not valid JSON for this endpoint{where}{line}: {FirstSentence(exception.Message)}"));
        }
    }

    private static IResult Invalid(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON", detail: detail);

    private static IResult TooLarge(int maxBytes) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large", detail: $"The body is over {maxBytes} bytes, the most this endpoint reads.");

    // System.Text.Json appends "Path: … | LineNumber: …", which the message above already says in words.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
