using System;
using System.IO;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace SkillRt.Mcp;

/// <summary>
/// A stdio transport whose sessions report a server that exited the same way whichever side noticed
/// first: as a <see cref="ClientTransportClosedException"/> with the exit code and standard error tail.
/// </summary>
/// <remarks>
/// When a server exits, the SDK's reader sees the end of its output and, once the process has been
/// waited for, ends the session with the exit code. If the client was writing at that moment, the
/// write fails first with an <see cref="IOException"/> that may name no exit code (the process may not
/// have been reaped yet, or already disposed by the reader), and that exception fails the request.
/// A session here waits, after a failed write, for the reader to end the session and throws what it
/// recorded, so the message does not depend on which side won.
/// </remarks>
internal sealed class StdioExitTransport(StdioClientTransport inner, TimeSpan shutdownTimeout) : IClientTransport
{
    public string Name => inner.Name;

    public async Task<ITransport> ConnectAsync(CancellationToken cancellationToken = default) =>
        new Session(await inner.ConnectAsync(cancellationToken).ConfigureAwait(false), shutdownTimeout);

    private sealed class Session(ITransport inner, TimeSpan shutdownTimeout) : ITransport
    {
        // The SDK's reader ends a session in at most two shutdown timeouts after the output ends: one to
        // wait for the exit, one for the kill. The rest is headroom for a loaded machine, and bounds the
        // wait for a server that closed its input but keeps its output open.
        private readonly TimeSpan _sessionEndLimit = (2 * shutdownTimeout) + TimeSpan.FromSeconds(30);

        public string? SessionId => inner.SessionId;

        public ChannelReader<JsonRpcMessage> MessageReader => inner.MessageReader;

        public async Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
        {
            try
            {
                await inner.SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e) when (e is not ClientTransportClosedException { Details: StdioClientCompletionDetails { ExitCode: not null } })
            {
                if (await SessionEndAsync().ConfigureAwait(false) is { } closed)
                {
                    throw new ClientTransportClosedException(closed.Details);
                }

                throw;
            }
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();

        /// <summary>How the reader ended the session, if it ends with what the process left behind.</summary>
        private async Task<ClientTransportClosedException?> SessionEndAsync()
        {
            try
            {
                await inner.MessageReader.Completion.WaitAsync(_sessionEndLimit).ConfigureAwait(false);
                return null;
            }
            catch (ClientTransportClosedException closed) when (closed.Details is StdioClientCompletionDetails)
            {
                return closed;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The session ended some other way, or not in time: the write's own error is all there is.
                return null;
            }
        }
    }
}
