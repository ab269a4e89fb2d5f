using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Registry.Reading;
using Xunit;

namespace SkillRt.Registry.Tests;

/// <summary>The in-memory download counter loses nothing when batches are taken while downloads are counted.</summary>
public sealed class DownloadCounterTests
{
    [Fact]
    public async Task Counts_added_while_batches_are_taken_all_end_up_in_some_batch()
    {
        var counter = new DownloadCounter();
        var registration = Guid.NewGuid();
        var versions = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        const int PerWriter = 50_000;
        long taken = 0;
        using var done = new CancellationTokenSource();

        var taker = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                taken += counter.Take().Sum(entry => entry.Value);
            }
        }, TestContext.Current.CancellationToken);
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                counter.Add(registration, versions[(w + i) % versions.Length]);
            }
        }, TestContext.Current.CancellationToken)).ToArray();

        await Task.WhenAll(writers);
        await done.CancelAsync();
        await taker;
        taken += counter.Take().Sum(entry => entry.Value);

        Assert.Equal(4L * PerWriter, taken);
    }
}
