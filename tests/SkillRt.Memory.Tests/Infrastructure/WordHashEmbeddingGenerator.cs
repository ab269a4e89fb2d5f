using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace SkillRt.Memory.Tests.Infrastructure;

/// <summary>
/// A unit-level embedding generator: each lower-cased word adds 1 to one of 64 dimensions (by a
/// stable hash), so texts sharing most words have a cosine near 1 and unrelated texts near 0.
/// Deterministic and instant, for the duplicate and semantic-search rules; the real model has its own tests.
/// </summary>
internal sealed partial class WordHashEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private const int Dimensions = 64;
    private readonly EmbeddingGeneratorMetadata _metadata = new("word-hash", defaultModelId: "word-hash-64", defaultModelDimensions: Dimensions);

    public int Calls { get; private set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var text in values)
        {
            var vector = new float[Dimensions];
            foreach (var word in Word().Matches(text.ToLowerInvariant()).Select(m => m.Value))
            {
                var hash = 17;
                foreach (var c in word)
                {
                    hash = unchecked(hash * 31 + c);
                }

                vector[(hash & int.MaxValue) % Dimensions] += 1;
            }

            result.Add(new Embedding<float>(vector));
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : null;

    public void Dispose()
    {
    }

    [GeneratedRegex(@"\w+")]
    private static partial Regex Word();
}
