using System.Threading;

namespace SkillRt.Registry.Reading;

/// <summary>
/// A number that changes whenever this replica changes what reads may answer: a publish, an unlist or
/// relist, download counts written. Cached responses are keyed by it, so a change made here is seen
/// by the next read here; other replicas' changes are seen when their cache entries expire.
/// </summary>
internal sealed class RegistryGeneration
{
    private long _value;

    public long Current => Interlocked.Read(ref _value);

    public void Advance() => Interlocked.Increment(ref _value);
}
