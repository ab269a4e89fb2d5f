using System;

namespace SkillRt.Memory.Tests.Infrastructure;

/// <summary>A clock the test moves: decay and ranking are checked at chosen ages, without waiting.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
