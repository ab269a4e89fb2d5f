using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SkillRt.Memory.Tests.Infrastructure;
using Xunit;

namespace SkillRt.Memory.Tests.Conformance;

/// <summary>
/// What every <see cref="ISkillMemory"/> store must do (spec/MEMORY-SPEC.md). A store's test class
/// derives from this and says how to point a <see cref="SkillMemoryBuilder"/> at a fresh store; every
/// test then runs against that store. Each test gets stores of its own.
/// </summary>
public abstract partial class MemoryStoreConformance : IDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static DateTimeOffset Start { get; } = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Points the builder at a new, empty store named <paramref name="storeName"/> (the same name is the same store).</summary>
    protected abstract void UseStore(SkillMemoryBuilder builder, string storeName);

    protected ISkillMemory NewMemory(Action<SkillMemoryOptions>? configure = null, IEmbeddingGenerator<string, Embedding<float>>? embeddings = null,
        TimeProvider? time = null, string storeName = "main")
    {
        var services = new ServiceCollection();
        if (embeddings is not null)
        {
            services.AddSingleton(embeddings);
        }

        if (time is not null)
        {
            services.AddSingleton(time);
        }

        var builder = services.AddSkillMemory()
            .AddKind(TestKinds.Note, TestKinds.NoteSchema, "A finding about the RTT API.")
            .AddKind(TestKinds.Fact, TestKinds.FactSchema);
        UseStore(builder, storeName);
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<ISkillMemory>();
    }

    protected static MemoryWrite Note(string summary, string? key = null, string ns = "acme/payments", IReadOnlyList<string>? tags = null, int retries = 0, string endpoint = "/v1/rtt") => new()
    {
        Namespace = ns,
        Kind = TestKinds.Note,
        Key = key,
        Value = TestKinds.NoteValue(summary, retries, endpoint),
        Tags = tags,
        Provenance = new MemoryProvenance { SkillName = "rtt-explorer", SkillVersion = "1.2.0", Client = "tests" },
    };

    protected static async Task<MemoryException> Refused(Func<Task> action, string code)
    {
        var exception = await Assert.ThrowsAsync<MemoryException>(action);
        Assert.Equal(code, exception.Code);
        Assert.StartsWith(code + ": ", exception.Message, StringComparison.Ordinal);
        return exception;
    }

    protected static async Task<List<MemoryHit>> All(ISkillMemory memory, MemoryQuery query)
    {
        var hits = new List<MemoryHit>();
        var page = await memory.FindAsync(query, Ct);
        hits.AddRange(page.Hits);
        while (page.NextCursor is { } cursor)
        {
            page = await memory.FindAsync(Copy(query, cursor), Ct);
            hits.AddRange(page.Hits);
        }

        return hits;
    }

    protected static MemoryQuery Copy(MemoryQuery query, string? cursor, int? tokenBudget = null) => new()
    {
        Namespaces = query.Namespaces,
        Kinds = query.Kinds,
        Key = query.Key,
        Tags = query.Tags,
        Filters = query.Filters,
        Text = query.Text,
        SimilarTo = query.SimilarTo,
        MinSimilarity = query.MinSimilarity,
        TimeRange = query.TimeRange,
        IncludeArchived = query.IncludeArchived,
        PageSize = query.PageSize,
        TokenBudget = tokenBudget ?? query.TokenBudget,
        Cursor = cursor,
    };

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
