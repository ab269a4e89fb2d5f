using System;
using System.Text.Json;

namespace SkillRt.Testing;

/// <summary>A replay file cannot be used: it is not JSON, not a recording, or of an unsupported version.</summary>
public sealed class ChatRecordingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChatRecordingException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    public ChatRecordingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public ChatRecordingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The full path of the file, when the recording came from one.</summary>
    public string? Path { get; init; }

    /// <summary>The line of the problem, counted from 1, when the JSON reader knows it.</summary>
    public long? LineNumber { get; init; }

    /// <summary>The column of the problem, counted from 1 in UTF-8 bytes, when the JSON reader knows it.</summary>
    public long? ColumnNumber { get; init; }

    /// <summary>Turns the JSON reader's error into one that names the file and the line, counted from 1 as editors do.</summary>
    internal static ChatRecordingException FromJsonException(string path, JsonException exception)
    {
        var line = exception.LineNumber + 1;
        var column = exception.BytePositionInLine + 1;
        var location = line is null ? "" : column is null ? $" at line {line}" : $" at line {line}, column {column}";
        var property = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "" : $" (in {exception.Path})";

        var message =
            $"The replay file '{path}' is not a valid recording{location}{property}: {WithoutLocation(exception.Message)} " +
            "Fix the file by hand (the SkillRt.Testing README shows the format) or record it again with RecordingChatClient.";
        return new ChatRecordingException(message, exception) { Path = path, LineNumber = line, ColumnNumber = column };
    }

    // System.Text.Json appends its own zero-based "Path: … | LineNumber: … | BytePositionInLine: …", which
    // would contradict the one-based line given first.
    private static string WithoutLocation(string message)
    {
        var index = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (index < 0)
        {
            index = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        var text = (index < 0 ? message : message[..index]).Trim();
        return text.EndsWith('.') ? text : text + ".";
    }
}
