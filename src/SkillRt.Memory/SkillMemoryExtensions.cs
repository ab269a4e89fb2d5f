using System;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Memory;

/// <summary>Shorthands over <see cref="ISkillMemory"/>.</summary>
public static class SkillMemoryExtensions
{
    /// <summary>Archives every live memory, in every namespace, unused for at least <paramref name="olderThan"/> (<c>memory.decay_older_than(30d)</c>).</summary>
    /// <param name="memory">The memory.</param>
    /// <param name="olderThan">How long a memory must have been neither written nor read.</param>
    /// <param name="dryRun">List what would be archived without archiving it.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The memories archived (or that would be).</returns>
    public static Task<DecayReport> DecayAsync(this ISkillMemory memory, TimeSpan olderThan, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memory);
        return memory.DecayAsync(new DecayRequest { OlderThan = olderThan, DryRun = dryRun }, cancellationToken);
    }
}
