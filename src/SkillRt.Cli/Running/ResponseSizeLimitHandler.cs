using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Cli.Running;

/// <summary>
/// Stops reading a whole (not streamed) model response once it passes a size limit, so a server that
/// answers with tens of megabytes costs <c>skillrt run</c> no more than the limit. Streamed responses
/// (<c>text/event-stream</c>) pass untouched: the runner stops reading those itself once the answer
/// text passes <see cref="SkillRunnerOptions.MaxAnswerLength"/>, and their event framing makes their
/// size in bytes a poor measure of the answer.
/// </summary>
internal sealed class ResponseSizeLimitHandler(long maxBytes, HttpMessageHandler innerHandler) : DelegatingHandler(innerHandler)
{
    /// <summary>
    /// The limit for a given answer limit: room for every character of the answer escaped as
    /// <c>\uXXXX</c> (six bytes) plus the envelope, so no answer within the runner's limit is cut.
    /// </summary>
    public static long ForAnswerLength(int maxAnswerLength) => (6L * maxAnswerLength) + (1024 * 1024);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentType?.MediaType is "text/event-stream")
        {
            return response;
        }

        if (response.Content.Headers.ContentLength > maxBytes)
        {
            response.Dispose();
            throw new ModelResponseTooLargeException(maxBytes);
        }

        var original = response.Content;
        var limited = new StreamContent(new LimitedStream(await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), maxBytes));
        foreach (var header in original.Headers)
        {
            limited.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = limited;
        return response;
    }

    /// <summary>A read-only stream that throws once more than its limit has been read.</summary>
    private sealed class LimitedStream(Stream inner, long maxBytes) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            _read += read;
            return _read > maxBytes ? throw new ModelResponseTooLargeException(maxBytes) : read;
        }
    }
}
