using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Testing;

/// <summary>
/// A replay file: the chat exchanges <see cref="RecordingChatClient"/> recorded, or a script written by
/// hand, in the order <see cref="ReplayChatClient"/> gives them back.
/// </summary>
/// <remarks>
/// The file is indented, camelCase JSON with a <c>"version"</c>; see the package README for its shape.
/// Only what a model was asked and what it answered is kept (roles, text, a few options, usage): no HTTP
/// headers, endpoints or API keys, which never reach the <c>IChatClient</c> layer these files come from.
/// </remarks>
public sealed class ChatRecording
{
    /// <summary>The format version this library reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The format version of the file; <see cref="CurrentVersion"/> for recordings made in code.</summary>
    /// <remarks>Required in files, so a file from a future format is refused instead of misread.</remarks>
    [JsonRequired]
    public int Version { get; set; } = CurrentVersion;

    /// <summary>The exchanges, in the order they happened or are to be replayed.</summary>
    public IList<ChatExchange> Exchanges { get; set; } = new List<ChatExchange>();

    /// <summary>The full path of the file this recording was loaded from, so replay errors can name it.</summary>
    internal string? FilePath { get; set; }

    /// <summary>Reads a replay file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    /// <returns>The recording, checked: a supported version and a response in every exchange.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ChatRecordingException">
    /// The file is not JSON (the exception has the line), is not a recording, or has an unsupported version.
    /// </exception>
    public static async Task<ChatRecording> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);

        FileStream stream;
        try
        {
            stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, useAsync: true);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException(
                $"The replay file '{fullPath}' does not exist. Record it first by running the test against a real model through RecordingChatClient, or write it by hand (see the SkillRt.Testing README).",
                fullPath,
                exception);
        }

        ChatRecording? recording;
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                recording = await JsonSerializer.DeserializeAsync(stream, ChatRecordingJsonContext.Readable.ChatRecording, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException exception)
            {
                throw ChatRecordingException.FromJsonException(fullPath, exception);
            }
        }

        if (recording is null)
        {
            throw new ChatRecordingException(
                $"The replay file '{fullPath}' holds 'null' instead of a recording; it must be an object with \"version\": {CurrentVersion} and \"exchanges\". Record it again with RecordingChatClient or see the SkillRt.Testing README.")
            {
                Path = fullPath,
            };
        }

        recording.FilePath = fullPath;
        recording.Validate();
        return recording;
    }

    /// <summary>Writes the recording to a file, replacing it whole or not at all.</summary>
    /// <param name="path">The file; its folder is created when missing.</param>
    /// <param name="cancellationToken">Cancels writing; the file is then left as it was.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var bytes = ToUtf8Bytes();

        var directory = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // A reader (or a crash) never sees half a file: the new content goes to a temporary file in the
        // same folder, so the move that replaces the old file is a rename on the same volume.
        var temporaryPath = $"{fullPath}.{Guid.NewGuid():N}.tmp";
        try
        {
            var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 4096, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporaryPath, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporaryPath);
            throw;
        }
    }

    /// <summary>The file's bytes: indented JSON ending with a newline, so diffs of committed files stay clean.</summary>
    internal byte[] ToUtf8Bytes()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(this, ChatRecordingJsonContext.Readable.ChatRecording);
        var bytes = new byte[json.Length + 1];
        json.CopyTo(bytes, 0);
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>Checks what JSON itself cannot: the version and the values replay needs.</summary>
    /// <exception cref="ChatRecordingException">Something is missing or unsupported.</exception>
    internal void Validate()
    {
        if (Version != CurrentVersion)
        {
            Fail($"has \"version\": {Version}, which this SkillRt.Testing does not read; it reads version {CurrentVersion}. Use the SkillRt.Testing version that wrote the file, or record it again with RecordingChatClient.");
        }

        if (Exchanges is null)
        {
            Fail("has no list of \"exchanges\"; write \"exchanges\": [] or record it again with RecordingChatClient.");
        }

        for (var i = 0; i < Exchanges.Count; i++)
        {
            var number = i + 1;
            var exchange = Exchanges[i];
            if (exchange is null)
            {
                Fail($"has null as exchange {number}; each exchange must be an object with a \"response\".");
            }

            if (exchange.Response is null)
            {
                Fail($"has no \"response\" in exchange {number}; add one such as \"response\": {{ \"text\": \"...\" }}.");
            }

            if (exchange.Response.Text is null)
            {
                Fail($"has a null \"text\" in the response of exchange {number}; write the text the model should answer, or \"\".");
            }

            var messages = exchange.Request?.Messages;
            if (exchange.Request is not null && messages is null)
            {
                Fail($"has no list of \"messages\" in the request of exchange {number}; write \"messages\": [] or remove the request.");
            }

            for (var m = 0; messages is not null && m < messages.Count; m++)
            {
                if (messages[m] is null || string.IsNullOrWhiteSpace(messages[m].Role))
                {
                    Fail($"has no \"role\" in message {m + 1} of the request of exchange {number}; use \"system\", \"user\", \"assistant\" or \"tool\".");
                }
            }
        }
    }

    [DoesNotReturn]
    private void Fail(string problem)
    {
        var subject = FilePath is null ? "The replay recording" : $"The replay file '{FilePath}'";
        throw new ChatRecordingException($"{subject} {problem}") { Path = FilePath };
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original failure matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
