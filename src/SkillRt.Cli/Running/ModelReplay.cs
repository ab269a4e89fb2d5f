using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.Testing;

namespace SkillRt.Cli.Running;

/// <summary>
/// <c>skillrt run --replay</c> and <c>--record</c>: the model's answers from a replay file instead of a
/// model, or the model's answers written to one, in SkillRt.Testing's format (what
/// <see cref="RecordingChatClient"/> writes and <see cref="ReplayChatClient"/> reads), so a run can be
/// repeated with no model, no key and no network.
/// </summary>
internal static class ModelReplay
{
    /// <summary>A chat client answering from the replay file at <paramref name="path"/>, in order.</summary>
    /// <param name="path">The <c>--replay</c> file.</param>
    /// <param name="cancellationToken">Cancels reading it.</param>
    /// <exception cref="CliException">The file is missing, unreadable or not a replay file (exit 2).</exception>
    public static async Task<IChatClient> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ChatRecording recording;
        try
        {
            recording = await ChatRecording.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException exception)
        {
            throw new CliException(ExitCodes.UsageError, $"--replay: the file '{Path.GetFullPath(path)}' does not exist; record one with --record {path} on a configured model, or write it by hand (src/SkillRt.Testing/README.md shows the format).", exception.ToString(), exception);
        }
        catch (ChatRecordingException exception)
        {
            throw new CliException(ExitCodes.UsageError, "--replay: " + LowerFirst(exception.Message), exception.ToString(), exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException(ExitCodes.UsageError, $"--replay: cannot read '{path}': {exception.Message}", exception.ToString(), exception);
        }

        // Requests are not compared with the recorded ones: a hand-written file has none, and a skill's
        // wording may change without changing what a replay is for (running it offline).
        return new ReplayAnswers(new ReplayChatClient(recording), Path.GetFullPath(path), recording.Exchanges.Count);
    }

    /// <summary>
    /// <paramref name="model"/>, with every answer it gives written to <paramref name="path"/>. The file is
    /// written once before the run, empty, so a path that cannot be written fails before the model is paid for.
    /// </summary>
    /// <param name="model">The configured model's client.</param>
    /// <param name="path">The <c>--record</c> file; replaced if it exists.</param>
    /// <param name="cancellationToken">Cancels writing the empty file.</param>
    /// <exception cref="CliException">The file cannot be written (exit 2).</exception>
    public static async Task<IChatClient> RecordAsync(IChatClient model, string path, CancellationToken cancellationToken)
    {
        try
        {
            await new ChatRecording().SaveAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException(ExitCodes.UsageError, $"--record: cannot write '{path}': {exception.Message}; choose a file in a folder you can write to.", exception.ToString(), exception);
        }

        return new RecordingChatClient(model, path);
    }

    private static string LowerFirst(string text) => text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    /// <summary>
    /// Says, as a run failure, that the file ran out of answers: <see cref="ReplayChatClient"/> throws an
    /// <see cref="InvalidOperationException"/> for that, which the command would report as a bug.
    /// </summary>
    private sealed class ReplayAnswers(ReplayChatClient replay, string path, int count) : DelegatingChatClient(replay)
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            EnsureAnswerLeft();
            return base.GetResponseAsync(messages, options, cancellationToken);
        }

        public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            EnsureAnswerLeft();
            return base.GetStreamingResponseAsync(messages, options, cancellationToken);
        }

        // A run calls the model one request at a time, so the count read here is the one the call gets.
        private void EnsureAnswerLeft()
        {
            if (replay.RemainingExchangeCount == 0)
            {
                var answers = count == 1 ? "1 recorded answer" : $"{count} recorded answers";
                throw new CliException(
                    ExitCodes.RunFailed,
                    $"the replay file '{path}' has {answers} and the run asked the model again (request {count + 1}); record the run again with --record, or add an answer to the file.");
            }
        }
    }
}
