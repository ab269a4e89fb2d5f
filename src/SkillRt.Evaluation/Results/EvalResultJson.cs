using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Evaluation;

/// <summary>
/// The JSON form of an <see cref="EvalResult"/> (spec/EVAL-SPEC.md section 8), written and read by hand
/// with no reflection, so the form is exactly what the spec says and stays stable for stored results.
/// Derived numbers (pass counts, rates, intervals) are written for readers and recomputed on reading.
/// </summary>
internal static class EvalResultJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    public static async Task WriteAsync(EvalResult result, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        await using var writer = new Utf8JsonWriter(stream, WriterOptions);
        Write(result, writer);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static void Write(EvalResult result, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("formatVersion", EvalResult.FormatVersion);
        writer.WriteStartObject("skill");
        writer.WriteString("name", result.SkillName);
        if (result.SkillVersion is not null)
        {
            writer.WriteString("version", result.SkillVersion);
        }

        writer.WriteEndObject();
        writer.WriteString("mode", ModeName(result.Mode));
        writer.WriteString("startedAt", result.StartedAt.ToString("O", CultureInfo.InvariantCulture));
        writer.WriteNumber("durationMs", Math.Round(result.Duration.TotalMilliseconds, 3));
        writer.WriteBoolean("passed", result.Passed);
        writer.WriteStartObject("summary");
        writer.WriteNumber("cases", result.Cases.Count);
        writer.WriteNumber("passedCases", result.Cases.Count - CountFailed(result));
        writer.WriteNumber("trials", result.TotalTrials);
        writer.WriteNumber("passedTrials", result.PassedTrials);
        writer.WriteNumber("passRate", result.PassRate);
        WriteInterval(writer, result.Interval);
        writer.WriteEndObject();
        writer.WriteStartArray("cases");
        foreach (var @case in result.Cases)
        {
            writer.WriteStartObject();
            writer.WriteString("name", @case.Name);
            writer.WriteString("file", @case.File);
            writer.WriteNumber("line", @case.Line);
            writer.WriteBoolean("passed", @case.Passed);
            writer.WriteNumber("minPassRate", @case.MinPassRate);
            writer.WriteNumber("passes", @case.Passes);
            writer.WriteNumber("passRate", @case.PassRate);
            WriteInterval(writer, @case.Interval);
            writer.WriteStartArray("trials");
            foreach (var trial in @case.Trials)
            {
                writer.WriteStartObject();
                writer.WriteNumber("number", trial.Number);
                writer.WriteBoolean("passed", trial.Passed);
                writer.WriteNumber("durationMs", Math.Round(trial.Duration.TotalMilliseconds, 3));
                if (trial.Error is not null)
                {
                    writer.WriteString("error", trial.Error);
                }

                if (trial.Output is { } output)
                {
                    writer.WritePropertyName("output");
                    output.WriteTo(writer);
                }

                writer.WriteStartArray("assertions");
                foreach (var assertion in trial.Assertions)
                {
                    writer.WriteStartObject();
                    writer.WriteString("kind", assertion.Kind);
                    writer.WriteString("description", assertion.Description);
                    writer.WriteBoolean("passed", assertion.Passed);
                    if (assertion.Message is not null)
                    {
                        writer.WriteString("message", assertion.Message);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static async Task<EvalResult> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            throw new FormatException("The eval result is not valid JSON: " + exception.Message, exception);
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static EvalResult Read(JsonElement root)
    {
        RequireKind(root, JsonValueKind.Object, "the document");
        var version = Property(root, "formatVersion", JsonValueKind.Number, "").GetInt32();
        if (version != EvalResult.FormatVersion)
        {
            throw new FormatException($"The eval result has formatVersion {version}; this reader knows {EvalResult.FormatVersion}. Use a SkillRt that knows it, or run the evals again.");
        }

        var skill = Property(root, "skill", JsonValueKind.Object, "");
        var name = Property(skill, "name", JsonValueKind.String, "skill").GetString()!;
        var skillVersion = skill.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var modeText = Property(root, "mode", JsonValueKind.String, "").GetString();
        var mode = modeText switch
        {
            "live" => EvalModelMode.Live,
            "replay" => EvalModelMode.Replay,
            "record" => EvalModelMode.Record,
            _ => throw new FormatException($"'mode' is '{modeText}'; expected live, replay or record."),
        };
        var startedText = Property(root, "startedAt", JsonValueKind.String, "").GetString();
        if (!DateTimeOffset.TryParse(startedText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var startedAt))
        {
            throw new FormatException($"'startedAt' is '{startedText}', not an ISO 8601 time.");
        }

        var duration = TimeSpan.FromMilliseconds(Property(root, "durationMs", JsonValueKind.Number, "").GetDouble());
        var cases = new List<EvalCaseResult>();
        var index = 0;
        foreach (var item in Property(root, "cases", JsonValueKind.Array, "").EnumerateArray())
        {
            var place = $"cases[{index++}]";
            RequireKind(item, JsonValueKind.Object, place);
            var trials = new List<EvalTrialResult>();
            var trialIndex = 0;
            foreach (var trial in Property(item, "trials", JsonValueKind.Array, place).EnumerateArray())
            {
                var trialPlace = $"{place}.trials[{trialIndex++}]";
                RequireKind(trial, JsonValueKind.Object, trialPlace);
                var assertions = new List<EvalAssertionResult>();
                var assertionIndex = 0;
                foreach (var assertion in Property(trial, "assertions", JsonValueKind.Array, trialPlace).EnumerateArray())
                {
                    var assertionPlace = $"{trialPlace}.assertions[{assertionIndex++}]";
                    RequireKind(assertion, JsonValueKind.Object, assertionPlace);
                    assertions.Add(new EvalAssertionResult(
                        Property(assertion, "kind", JsonValueKind.String, assertionPlace).GetString()!,
                        Property(assertion, "description", JsonValueKind.String, assertionPlace).GetString()!,
                        Property(assertion, "passed", JsonValueKind.True, assertionPlace).GetBoolean(),
                        OptionalString(assertion, "message")));
                }

                JsonElement? output = trial.TryGetProperty("output", out var o) ? o.Clone() : null;
                trials.Add(new EvalTrialResult(
                    Property(trial, "number", JsonValueKind.Number, trialPlace).GetInt32(),
                    TimeSpan.FromMilliseconds(Property(trial, "durationMs", JsonValueKind.Number, trialPlace).GetDouble()),
                    output,
                    OptionalString(trial, "error"),
                    assertions));
            }

            cases.Add(new EvalCaseResult(
                Property(item, "name", JsonValueKind.String, place).GetString()!,
                Property(item, "file", JsonValueKind.String, place).GetString()!,
                Property(item, "line", JsonValueKind.Number, place).GetInt32(),
                Property(item, "minPassRate", JsonValueKind.Number, place).GetDouble(),
                trials));
        }

        return new EvalResult(name, skillVersion, mode, startedAt, duration, cases);
    }

    internal static string ModeName(EvalModelMode mode) => mode switch
    {
        EvalModelMode.Replay => "replay",
        EvalModelMode.Record => "record",
        _ => "live",
    };

    private static int CountFailed(EvalResult result)
    {
        var failed = 0;
        foreach (var @case in result.Cases)
        {
            failed += @case.Passed ? 0 : 1;
        }

        return failed;
    }

    private static void WriteInterval(Utf8JsonWriter writer, ConfidenceInterval interval)
    {
        writer.WriteStartObject("interval95");
        writer.WriteNumber("lower", interval.Lower);
        writer.WriteNumber("upper", interval.Upper);
        writer.WriteEndObject();
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // JsonValueKind.True stands for "a boolean".
    private static JsonElement Property(JsonElement element, string name, JsonValueKind kind, string place)
    {
        var where = place.Length == 0 ? name : place + "." + name;
        if (!element.TryGetProperty(name, out var value))
        {
            throw new FormatException($"The eval result has no '{where}'.");
        }

        var fits = kind == JsonValueKind.True ? value.ValueKind is JsonValueKind.True or JsonValueKind.False : value.ValueKind == kind;
        if (!fits)
        {
            throw new FormatException($"The eval result's '{where}' is {value.ValueKind}, not {(kind == JsonValueKind.True ? "a boolean" : kind.ToString())}.");
        }

        return value;
    }

    private static void RequireKind(JsonElement element, JsonValueKind kind, string place)
    {
        if (element.ValueKind != kind)
        {
            throw new FormatException($"The eval result's {place} is {element.ValueKind}, not {kind}.");
        }
    }
}
