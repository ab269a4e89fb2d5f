using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Server.Storage;

/// <summary>
/// Content-addressed storage for large immutable content (package files): a blob's key is the SHA-256
/// of its bytes, so storing the same content twice stores it once, two replicas storing it at the same
/// time cannot corrupt it, and a reader never sees a half-written blob.
/// </summary>
public interface IBlobStore
{
    /// <summary>
    /// Stores <paramref name="content"/> (read to its end) and returns its hash and length. Idempotent:
    /// content that is stored already is not written again.
    /// </summary>
    Task<BlobInfo> PutAsync(Stream content, CancellationToken cancellationToken = default);

    /// <summary>Opens a stored blob for reading, or returns null when no blob has that hash.</summary>
    Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>Removes a blob; removing a blob that does not exist is not an error.</summary>
    Task DeleteAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every stored blob with the time it was written, for sweeping blobs that nothing refers to
    /// (a publish that lost a race, or a server killed between storing a blob and recording it).
    /// </summary>
    IAsyncEnumerable<(BlobInfo Blob, DateTimeOffset WrittenAt)> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Checks the store can be reached and written, for the readiness endpoint.</summary>
    Task CheckAsync(CancellationToken cancellationToken = default);
}
