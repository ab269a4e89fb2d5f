using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace SkillRt.Cli.Publishing;

/// <summary>
/// What a registry said about a push, read from its RFC 9457 problem details (or, on success, the
/// published package): <c>title</c>, <c>detail</c>, and the <c>diagnostics</c> (a refusal) or
/// <c>warnings</c> (an accepted package) it found in the package's SKILL.md files, each
/// <c>{id, severity, file, line, column, message}</c>, which print in compiler format.
/// </summary>
internal sealed class PublishRefusal
{
    // A proxy's HTML error page can be long; one line of it says what it is.
    private const int MaxBodyText = 200;

    private PublishRefusal(string? title, string? detail, IReadOnlyList<string> diagnostics, string? bodyLine)
    {
        Title = title;
        Detail = detail;
        Diagnostics = diagnostics;
        BodyLine = bodyLine;
    }

    public string? Title { get; }

    public string? Detail { get; }

    /// <summary>The diagnostics (or warnings), each as <c>file(line,col): severity ID: message</c>.</summary>
    public IReadOnlyList<string> Diagnostics { get; }

    /// <summary>The first line of a body that is not JSON, shortened.</summary>
    public string? BodyLine { get; }

    /// <summary>"title: detail", whichever the server sent, or the body's first line.</summary>
    public string? Summary => (Title, Detail) switch
    {
        ({ } t, { } d) => $"{t.TrimEnd('.')}: {d}",
        ({ } t, null) => t,
        (null, { } d) => d,
        _ => BodyLine,
    };

    /// <param name="body">The response body.</param>
    /// <param name="listName"><c>diagnostics</c> for a refusal, <c>warnings</c> for an accepted package.</param>
    public static PublishRefusal Read(string body, string listName)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var diagnostics = new List<string>();
                if (root.TryGetProperty(listName, out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in list.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object)
                        {
                            diagnostics.Add(Line(item));
                        }
                    }
                }

                return new PublishRefusal(Text(root, "title"), Text(root, "detail"), diagnostics, null);
            }
        }
        catch (JsonException)
        {
        }

        var line = body.AsSpan().Trim();
        var end = line.IndexOfAny('\r', '\n');
        var text = (end >= 0 ? line[..end] : line).ToString();
        return new PublishRefusal(null, null, [], text.Length == 0 ? null : text.Length > MaxBodyText ? text[..MaxBodyText] + "…" : text);
    }

    // The compiler's format, as `skillrt validate` prints the same diagnostics locally.
    private static string Line(JsonElement diagnostic) => string.Format(
        CultureInfo.InvariantCulture,
        "{0}({1},{2}): {3} {4}: {5}",
        Text(diagnostic, "file") ?? "SKILL.md",
        Number(diagnostic, "line"),
        Number(diagnostic, "column"),
        Text(diagnostic, "severity") ?? "error",
        Text(diagnostic, "id") ?? "SKILL",
        Text(diagnostic, "message") ?? string.Empty);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static int Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : 1;
}
