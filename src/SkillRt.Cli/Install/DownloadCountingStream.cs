using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Cli.Install;

/// <summary>
/// The destination of a package download, counting the bytes written into it so progress can show
/// them: NuGet's <c>CopyNupkgToStreamAsync</c> gives no sizes, only the writes. Write-only; every
/// write goes on to the inner stream unchanged.
/// </summary>
internal sealed class DownloadCountingStream : Stream
{
    private readonly Stream _inner;
    private readonly Action<long> _written;
    private long _count;

    /// <param name="inner">Where the bytes go; not disposed with this stream.</param>
    /// <param name="written">Called after each write with the total so far.</param>
    public DownloadCountingStream(Stream inner, Action<long> written)
    {
        _inner = inner;
        _written = written;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => throw new NotSupportedException();
    }

    /// <summary>How a byte count reads in a status line: <c>512 B</c>, <c>34.5 KB</c>, <c>1.2 MB</c>.</summary>
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.0} KB",
        _ => $"{bytes / (1024.0 * 1024):0.0} MB",
    };

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _inner.Write(buffer);
        Count(buffer.Length);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        Count(buffer.Length);
    }

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Count(int bytes)
    {
        _count += bytes;
        _written(_count);
    }
}
