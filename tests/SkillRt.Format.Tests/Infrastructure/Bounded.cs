using System;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.Tests;

/// <summary>Runs work on the thread pool and fails the test if it does not finish in time (a hang detector, not a benchmark).</summary>
internal static class Bounded
{
    // Generous enough for a loaded 2-core CI machine; a hang or a quadratic blow-up exceeds it by far.
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(10);

    public static async Task<T> RunAsync<T>(Func<T> work, string description, TimeSpan? limit = null)
    {
        var bound = limit ?? DefaultLimit;
        var task = Task.Run(work, TestContext.Current.CancellationToken);
        var finished = await Task.WhenAny(task, Task.Delay(bound, TestContext.Current.CancellationToken));
        if (finished != task)
        {
            Assert.Fail($"{description} did not finish within {bound.TotalSeconds} s");
        }

        return await task;
    }
}
