using System;
using System.Threading.Tasks;
using SkillRt.Server.Storage;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.Server.Tests;

/// <summary>
/// The blob store contract on an S3-compatible bucket (s3rver on 127.0.0.1). Each test gets its own
/// key prefix, so one s3rver serves the class and every test still starts with an empty store.
/// </summary>
public sealed class S3BlobStoreTests(S3BlobStoreTests.Bucket bucket) : BlobStoreContractTests, IClassFixture<S3BlobStoreTests.Bucket>, IDisposable
{
    private S3BlobStore? _store;

    private protected override Task<IBlobStore> CreateStoreAsync()
    {
        _store = new S3BlobStore(new S3BlobOptions
        {
            Bucket = bucket.Server.Bucket,
            ServiceUrl = bucket.Server.ServiceUrl,
            AccessKeyId = S3rverProcess.AccessKeyId,
            SecretAccessKey = S3rverProcess.SecretAccessKey,
            ForcePathStyle = true,
            KeyPrefix = Guid.NewGuid().ToString("N") + "/",
        });
        return Task.FromResult<IBlobStore>(_store);
    }

    public void Dispose() => _store?.Dispose();

    /// <summary>One s3rver and bucket for the class.</summary>
    public sealed class Bucket : IAsyncLifetime
    {
        internal S3rverProcess Server { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Server = await S3rverProcess.StartAsync();

        public async ValueTask DisposeAsync() => await Server.DisposeAsync();
    }
}
