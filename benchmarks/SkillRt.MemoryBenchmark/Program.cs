using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SkillRt.Memory;
using SkillRt.MemoryBenchmark;

// dotnet run -c Release --project benchmarks/SkillRt.MemoryBenchmark -- [counts, default 10000,100000] [--embedding-cost] [--keep]
var counts = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse).DefaultIfEmpty(10_000).ToArray();
if (args.Length == 0)
{
    counts = [10_000, 100_000];
}

const int Finds = 500;
const int SemanticFinds = 20;
var random = new Random(20);
// A vocabulary of 2,000 made-up words: full-text terms match a realistic share of memories.
var syllables = new[] { "ka", "lo", "mi", "ret", "sto", "pan", "vel", "dor", "qui", "ta", "ne", "ru", "zen", "fa", "gil", "ob" };
var words = Enumerable.Range(0, 2_000).Select(_ => string.Concat(Enumerable.Range(0, 2 + random.Next(2)).Select(_ => syllables[random.Next(syllables.Length)]))).Distinct().ToArray();
string Sentence(Random r) => string.Join(' ', Enumerable.Range(0, 12).Select(_ => words[r.Next(words.Length)]));

Console.WriteLine($"SkillRt memory benchmark — {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
foreach (var count in counts)
{
    var folder = Path.Combine(Path.GetTempPath(), "skillrt-memory-bench-" + Guid.NewGuid().ToString("N"));
    var services = new ServiceCollection();
    services.AddSkillMemory(o => { o.DatabasePath = Path.Combine(folder, "memory.db"); o.DuplicatePolicy = DuplicatePolicy.KeepBoth; })
        .AddKind("note", """{ "type": "object", "properties": { "summary": { "type": "string" }, "priority": { "type": "integer" } }, "required": ["summary"] }""");
    await using (var provider = services.BuildServiceProvider())
    {
        var memory = provider.GetRequiredService<ISkillMemory>();
        var upserts = new Percentiles($"upsert (keyless, {count / 1000}k store, last 10%)");
        var keyed = new Percentiles($"upsert (keyed supersede, {count / 1000}k)");
        var total = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await memory.UpsertAsync(new MemoryWrite
            {
                Namespace = "bench/notes",
                Kind = "note",
                Key = i % 10 == 0 ? $"key-{i}" : null,
                Value = JsonSerializer.SerializeToElement(new { summary = Sentence(random), priority = i % 100 }),
                Tags = [$"tag-{i % 50}", $"group-{i % 7}"],
            });
            if (i >= count * 9 / 10)
            {
                upserts.Add(Stopwatch.GetElapsedTime(started));
            }
        }

        var populate = total.Elapsed;
        for (var i = 0; i < Finds; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var k = random.Next(count / 10) * 10;
            await memory.UpsertAsync(new MemoryWrite { Namespace = "bench/notes", Kind = "note", Key = $"key-{k}", Value = JsonSerializer.SerializeToElement(new { summary = Sentence(random), priority = 1 }) });
            keyed.Add(Stopwatch.GetElapsedTime(started));
        }

        var byTag = new Percentiles($"find by tag ({count / 1000}k)");
        var byText = new Percentiles($"find by full text, 2 words ({count / 1000}k)");
        var byFilter = new Percentiles($"find by value filter + tag ({count / 1000}k)");
        var byKey = new Percentiles($"find by key ({count / 1000}k)");
        var semantic = new Percentiles($"find semantic, lexical fallback ({count / 1000}k)");
        for (var i = 0; i < Finds; i++)
        {
            await Time(byTag, () => memory.FindAsync(new MemoryQuery { Namespaces = ["bench/notes"], Tags = [$"tag-{random.Next(50)}"] }));
            await Time(byText, () => memory.FindAsync(new MemoryQuery { Namespaces = ["bench/notes"], Text = $"{words[random.Next(words.Length)]} {words[random.Next(words.Length)]}" }));
            await Time(byFilter, () => memory.FindAsync(new MemoryQuery
            {
                Namespaces = ["bench/notes"], Tags = [$"group-{random.Next(7)}"],
                Filters = [new MemoryFilter { Path = "$.priority", Operator = FilterOperator.Equal, Value = JsonSerializer.SerializeToElement(random.Next(100)) }],
            }));
            await Time(byKey, () => memory.FindAsync(new MemoryQuery { Namespaces = ["bench/notes"], Key = $"key-{random.Next(count / 10) * 10}" }));
        }

        for (var i = 0; i < SemanticFinds; i++)
        {
            await Time(semantic, () => memory.FindAsync(new MemoryQuery { Namespaces = ["bench/notes"], SimilarTo = Sentence(random), PageSize = 10 }));
        }

        Console.WriteLine();
        Console.WriteLine($"{count:N0} memories: populated in {populate.TotalSeconds:F1} s ({count / populate.TotalSeconds:N0} upserts/s, one at a time), file {new FileInfo(Path.Combine(folder, "memory.db")).Length / 1048576.0:F1} MB + WAL");
        Console.WriteLine("| operation | calls | p50 ms | p99 ms | calls/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var row in new[] { upserts, keyed, byTag, byText, byFilter, byKey, semantic })
        {
            Console.WriteLine(row.Row());
        }
    }

    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    if (args.Contains("--keep"))
    {
        Console.WriteLine($"kept: {Path.Combine(folder, "memory.db")}");
    }
    else
    {
        Directory.Delete(folder, recursive: true);
    }
}

if (args.Contains("--embedding-cost"))
{
    var services = new ServiceCollection().AddArcticXsEmbeddings();
    await using var provider = services.BuildServiceProvider();
    var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
    var load = Stopwatch.StartNew();
    await generator.GenerateAsync(["warm up"]);
    Console.WriteLine();
    Console.WriteLine($"Arctic XS: first call (model load) {load.Elapsed.TotalSeconds:F1} s");
    var single = new Percentiles("embed one text (as an upsert does)");
    for (var i = 0; i < 200; i++)
    {
        await Time(single, () => generator.GenerateAsync([Sentence(random)]));
    }

    var batch = Stopwatch.StartNew();
    await generator.GenerateAsync(Enumerable.Range(0, 256).Select(_ => Sentence(random)));
    Console.WriteLine("| operation | calls | p50 ms | p99 ms | calls/s |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    Console.WriteLine(single.Row());
    Console.WriteLine($"| embed 256 texts in batches of 32 | 256 | {batch.Elapsed.TotalMilliseconds / 256:F2} per text | | {256 / batch.Elapsed.TotalSeconds:N0} |");
}

static async Task Time<T>(Percentiles into, Func<Task<T>> call)
{
    var started = Stopwatch.GetTimestamp();
    await call();
    into.Add(Stopwatch.GetElapsedTime(started));
}
