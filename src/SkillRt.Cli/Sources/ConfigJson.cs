using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SkillRt.Cli.Sources;

/// <summary>Reading and writing skillrt's small configuration files, with errors that name the file and line.</summary>
internal static class ConfigJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The parsed file, or null when it does not exist.</summary>
    public static JsonDocument? Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.NotConfigured, $"cannot read '{path}': {exception.Message}; check its permissions.", exception.ToString(), exception);
        }

        try
        {
            var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw Invalid(path, "the file must hold one JSON object");
            }

            return document;
        }
        catch (JsonException exception)
        {
            // System.Text.Json counts lines and columns from 0; editors count from 1.
            var line = (exception.LineNumber ?? 0) + 1;
            var column = (exception.BytePositionInLine ?? 0) + 1;
            var message = exception.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            message = (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
            throw new CliException(
                ExitCodes.NotConfigured,
                $"'{path}' line {line}, column {column} is not valid JSON: {message}. Fix the file, or delete it and configure again ('skillrt sources add', 'skillrt login').",
                exception.ToString(),
                exception);
        }
    }

    /// <summary>A file that parsed but does not say what skillrt expects.</summary>
    public static CliException Invalid(string path, string problem) =>
        new(ExitCodes.NotConfigured, $"'{path}' is not a valid skillrt configuration file: {problem}. Fix the file, or delete it and configure again ('skillrt sources add', 'skillrt login').");

    /// <summary>A string property, or null when absent; anything else than a string is an error naming the file.</summary>
    public static string? GetString(JsonElement element, string property, string path, string where)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw Invalid(path, $"{where}.{property} must be a string");
        }

        return value.GetString();
    }

    /// <summary>Builds one indented JSON document.</summary>
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
