using System;
using System.IO;
using System.Threading.Tasks;
using SkillRt.Server.Storage;

namespace SkillRt.Server.Tests;

/// <summary>The blob store contract on the embedded tier's content-addressed folder.</summary>
public sealed class FileBlobStoreTests : BlobStoreContractTests, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("skillrt-blobs-").FullName;

    private protected override Task<IBlobStore> CreateStoreAsync() => Task.FromResult<IBlobStore>(new FileBlobStore(_root));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
