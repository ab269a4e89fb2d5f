using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace SkillRt.Cli.Publishing;

/// <summary>
/// What a registry's scan at publish said, as warning lines: each finding compiler-style, and for a
/// quarantined version (202 Accepted) a last line saying it is not installable and what to do.
/// </summary>
internal static class PublishScreeningLines
{
    public static IReadOnlyList<string> Read(HttpStatusCode status, string body, string name)
    {
        var lines = new List<string>();
        JsonElement screening;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("screening", out var found) || found.ValueKind != JsonValueKind.Object)
            {
                return lines;
            }

            screening = found.Clone();
        }
        catch (JsonException)
        {
            return lines;
        }

        if (screening.TryGetProperty("findings", out var findings) && findings.ValueKind == JsonValueKind.Array)
        {
            foreach (var finding in findings.EnumerateArray())
            {
                var file = Text(finding, "file") ?? "<package>";
                var line = finding.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number ? "(" + l.GetInt32().ToString(CultureInfo.InvariantCulture) + ")" : "";
                lines.Add($"{file}{line}: {Text(finding, "severity")} {Text(finding, "ruleId")}: {Text(finding, "message")} (fix: {Text(finding, "fix")})");
            }
        }

        if (status == HttpStatusCode.Accepted || (screening.TryGetProperty("quarantined", out var q) && q.ValueKind == JsonValueKind.True))
        {
            var at = name.Replace(' ', '@');
            lines.Add($"warning: {name} was recorded but is QUARANTINED: it cannot be installed or found until an administrator releases it, because of the High findings above. Fix them and publish a new version, or appeal with 'skillrt appeal {at} --text \"…\"'; 'skillrt findings {at}' shows the state.");
        }

        return lines;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
