using System;
using System.Net;
using System.Text.Json;

namespace SkillRt.Cli.Sources;

/// <summary>
/// A refusal from a server, as one line: an RFC 9457 problem details body (<c>application/problem+json</c>)
/// becomes <c>title: detail</c>; any other body its status and first line. The exit code follows
/// <see cref="ExitCodes"/>: the request was wrong (4xx) is a usage error, not found is not found,
/// a refused key and a failing server are feed errors.
/// </summary>
internal static class ServerProblem
{
    // A proxy's HTML error page can be long; one line of it is enough to recognise it.
    private const int MaxBodyText = 200;

    public static CliException ToException(HttpStatusCode status, string? mediaType, string body, Uri url, string? hint = null)
    {
        var message = Describe(status, mediaType, body);
        if (hint is not null)
        {
            message = message.TrimEnd('.') + "; " + hint;
        }

        return new CliException(ExitCodeFor(status), message, $"{(int)status} {status} from {url}\n{body}");
    }

    public static int ExitCodeFor(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound or HttpStatusCode.Gone => ExitCodes.NotFound,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.FeedError,
        _ when (int)status is >= 400 and < 500 => ExitCodes.UsageError,
        _ => ExitCodes.FeedError,
    };

    private static string Describe(HttpStatusCode status, string? mediaType, string body)
    {
        if (TryReadProblem(mediaType, body, out var title, out var detail))
        {
            return (title, detail) switch
            {
                ({ } t, { } d) => $"{t.TrimEnd('.')}: {d}",
                ({ } t, null) => $"{t} ({(int)status})",
                (null, { } d) => d,
                _ => $"{(int)status} {status}",
            };
        }

        var firstLine = body.AsSpan().Trim();
        var end = firstLine.IndexOfAny('\r', '\n');
        var text = (end >= 0 ? firstLine[..end] : firstLine).ToString();
        if (text.Length > MaxBodyText)
        {
            text = text[..MaxBodyText] + "…";
        }

        return text.Length == 0 ? $"the server answered {(int)status} {status}" : $"the server answered {(int)status} {status}: {text}";
    }

    private static bool TryReadProblem(string? mediaType, string body, out string? title, out string? detail)
    {
        title = null;
        detail = null;
        // Some servers send problem details as plain application/json; the fields decide, not the header alone.
        if (mediaType is not null && !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            title = Text(document.RootElement, "title");
            detail = Text(document.RootElement, "detail");
            return title is not null || detail is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? Text(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text.Trim()
            : null;
}
