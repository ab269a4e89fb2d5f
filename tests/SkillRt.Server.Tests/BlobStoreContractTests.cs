using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Server.Storage;
using Xunit;

namespace SkillRt.Server.Tests;

/// <summary>
/// What every blob store promises (IBlobStore), checked on each implementation against real storage
/// (<see cref="FileBlobStoreTests"/>, <see cref="S3BlobStoreTests"/>). Content is compared byte for
/// byte: an S3 client that sends chunked framing "succeeds" and stores the framing.
/// </summary>
public abstract class BlobStoreContractTests
{
    private protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The store under test; each test gets a fresh, empty one.</summary>
    private protected abstract Task<IBlobStore> CreateStoreAsync();

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(200_000)]
    public async Task What_is_put_is_read_back_byte_for_byte_under_its_SHA256(int length)
    {
        var store = await CreateStoreAsync();
        var content = RandomNumberGenerator.GetBytes(length);

        var info = await store.PutAsync(new MemoryStream(content), Ct);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), info.Sha256);
        Assert.Equal(length, info.Length);
        Assert.Equal(content, await ReadAsync(store, info.Sha256));
    }

    [Fact]
    public async Task Putting_the_same_content_twice_stores_it_once()
    {
        var store = await CreateStoreAsync();
        var content = Encoding.UTF8.GetBytes("hello");

        var first = await store.PutAsync(new MemoryStream(content), Ct);
        var second = await store.PutAsync(new MemoryStream(content), Ct);

        Assert.Equal(first, second);
        var listed = await ListAsync(store);
        Assert.Equal([first], listed.Select(l => l.Blob));
        Assert.Equal(content, await ReadAsync(store, first.Sha256));
    }

    [Fact]
    public async Task A_stream_that_cannot_seek_is_stored_whole()
    {
        var store = await CreateStoreAsync();
        var content = RandomNumberGenerator.GetBytes(150_000);

        var info = await store.PutAsync(new ForwardOnlyStream(content), Ct);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), info.Sha256);
        Assert.Equal(content.Length, info.Length);
        Assert.Equal(content, await ReadAsync(store, info.Sha256));
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("not-a-hash")]
    [InlineData("../../etc/passwd")]
    public async Task A_blob_that_is_not_there_reads_as_null(string key)
    {
        var store = await CreateStoreAsync();
        Assert.Null(await store.OpenReadAsync(key, Ct));
    }

    [Fact]
    public async Task A_deleted_blob_is_gone_and_deleting_it_again_is_no_error()
    {
        var store = await CreateStoreAsync();
        var kept = await store.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes("kept")), Ct);
        var deleted = await store.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes("deleted")), Ct);

        await store.DeleteAsync(deleted.Sha256, Ct);
        await store.DeleteAsync(deleted.Sha256, Ct);

        Assert.Null(await store.OpenReadAsync(deleted.Sha256, Ct));
        Assert.Equal(Encoding.UTF8.GetBytes("kept"), await ReadAsync(store, kept.Sha256));
        Assert.Equal([kept], (await ListAsync(store)).Select(l => l.Blob));
    }

    [Fact]
    public async Task Listing_gives_every_blob_with_its_length_and_when_it_was_written()
    {
        var store = await CreateStoreAsync();
        Assert.Empty(await ListAsync(store));
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        var blobs = new List<BlobInfo>();
        for (var i = 0; i < 5; i++)
        {
            blobs.Add(await store.PutAsync(new MemoryStream(RandomNumberGenerator.GetBytes(10 + i)), Ct));
        }

        var listed = await ListAsync(store);

        Assert.Equal(blobs.OrderBy(b => b.Sha256, StringComparer.Ordinal), listed.Select(l => l.Blob).OrderBy(b => b.Sha256, StringComparer.Ordinal));
        Assert.All(listed, l => Assert.InRange(l.WrittenAt, before, DateTimeOffset.UtcNow.AddMinutes(5)));
    }

    [Fact]
    public async Task A_reachable_store_passes_its_check_empty_or_not()
    {
        var store = await CreateStoreAsync();
        await store.CheckAsync(Ct);
        Assert.Empty(await ListAsync(store));

        // More blobs than the check looks at: an S3 check that lists one key gets a truncated page.
        await store.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes("one")), Ct);
        await store.PutAsync(new MemoryStream(Encoding.UTF8.GetBytes("two")), Ct);
        await store.CheckAsync(Ct);
    }

    private static async Task<byte[]> ReadAsync(IBlobStore store, string sha256)
    {
        await using var stream = await store.OpenReadAsync(sha256, Ct);
        Assert.NotNull(stream);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, Ct);
        return buffer.ToArray();
    }

    private static async Task<List<(BlobInfo Blob, DateTimeOffset WrittenAt)>> ListAsync(IBlobStore store)
    {
        var listed = new List<(BlobInfo, DateTimeOffset)>();
        await foreach (var item in store.ListAsync(Ct))
        {
            listed.Add(item);
        }

        return listed;
    }

    /// <summary>A request body as the server sees it: read once, front to back, no length, no seeking.</summary>
    private sealed class ForwardOnlyStream(byte[] content) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            // Short reads, as a network stream gives them.
            var read = Math.Min(Math.Min(count, 7_000), content.Length - _position);
            Array.Copy(content, _position, buffer, offset, read);
            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
