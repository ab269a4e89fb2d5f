using System;
using System.Threading;

namespace SkillRt.Registry.Search;

/// <summary>Lets one request at a time of this process bring the search index up to date.</summary>
internal sealed class SearchIndexGate : IDisposable
{
    public SemaphoreSlim Semaphore { get; } = new(1, 1);

    public void Dispose() => Semaphore.Dispose();
}
