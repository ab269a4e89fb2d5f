using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.ML.Tokenizers;
using SkillRt.AgentDoc;
using SkillRt.AgentDocBenchmark;

// Usage: dotnet run -c Release --project benchmarks/SkillRt.AgentDocBenchmark [-- <document name> [<runs>]]
// With no name, starts itself once per real document (resend, openai), so each peak working set is that
// document's alone. For one document: a cold first generation (JIT included), then <runs> warm ones
// (wall time, allocation), the process's peak working set, the sizes in bytes and o200k_base tokens of
// the source, the agent-doc and its llms.txt renderings, the p50/p99 of index searches, and the p50/p99
// of MCP tool calls through the SDK's McpClient against the doc server (McpQueryBenchmark.cs).
var documents = new Dictionary<string, string>(StringComparer.Ordinal)
{
    ["resend"] = Path.Combine("openapi", "resend", "resend.yaml"),
    ["openai"] = Path.Combine("openapi", "openai", "openapi.yaml"),
};

if (args.Length == 0)
{
    foreach (var name in documents.Keys)
    {
        using var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, [.. Environment.GetCommandLineArgs().Skip(1).Where(a => a.EndsWith(".dll", StringComparison.Ordinal)), name]) { UseShellExecute = false })!;
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            return child.ExitCode;
        }
    }

    return 0;
}

var document = args[0];
var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
var path = Path.Combine(FindTestData(), documents[document]);

var cold = Stopwatch.StartNew();
var result = await OpenApiAgentDocGenerator.GenerateAsync(path);
cold.Stop();
if (!result.Succeeded)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, result.Problems));
    return 1;
}

var times = new List<double>();
var allocations = new List<long>();
for (var i = 0; i < runs; i++)
{
    var before = GC.GetTotalAllocatedBytes(precise: true);
    var stopwatch = Stopwatch.StartNew();
    result = await OpenApiAgentDocGenerator.GenerateAsync(path);
    stopwatch.Stop();
    allocations.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
    times.Add(stopwatch.Elapsed.TotalMilliseconds);
}

var agentDoc = result.Document!;
var write = Stopwatch.StartNew();
var yaml = AgentDocWriter.Write(agentDoc);
write.Stop();
var read = Stopwatch.StartNew();
var readBack = AgentDocReader.Parse(yaml);
read.Stop();
var llms = LlmsTxtRenderer.RenderIndex(agentDoc);
var llmsFull = LlmsTxtRenderer.RenderFull(agentDoc);
Process.GetCurrentProcess().Refresh();
var peak = Process.GetCurrentProcess().PeakWorkingSet64;

var tokenizer = TiktokenTokenizer.CreateForEncoding("o200k_base");
var source = await File.ReadAllTextAsync(path);
var sourceTokens = tokenizer.CountTokens(source);
int Tokens(string text) => tokenizer.CountTokens(text);

Console.WriteLine($"## {document}: {Path.GetFileName(path)} ({result.SourceFormat}), {result.SourceOperationCount} operations → {agentDoc.Operations.Count} kept, {agentDoc.Schemas.Count} schemas, {result.Problems.Count} report lines");
Console.WriteLine($"generation: cold {cold.Elapsed.TotalMilliseconds:F0} ms; warm mean {times.Average():F0} ms, min {times.Min():F0} ms, max {times.Max():F0} ms over {runs} runs; allocated {allocations.Average() / 1048576.0:F0} MB per run");
Console.WriteLine($"peak working set of the process: {peak / 1048576.0:F0} MB");
Console.WriteLine($"write agent-doc.yaml {write.Elapsed.TotalMilliseconds:F0} ms; read and validate it {read.Elapsed.TotalMilliseconds:F0} ms ({readBack.Diagnostics.Count} diagnostics)");
Console.WriteLine("| text | bytes | o200k tokens | × source tokens |");
Console.WriteLine("|---|---:|---:|---:|");
foreach (var (label, text) in new[] { ("OpenAPI source", source), ("agent-doc.yaml", yaml), ("llms.txt", llms), ("llms-full.txt", llmsFull) })
{
    var tokens = Tokens(text);
    Console.WriteLine($"| {label} | {System.Text.Encoding.UTF8.GetByteCount(text)} | {tokens} | {(double)tokens / sourceTokens:F2} |");
}

var index = new AgentDocIndex(agentDoc);
var queries = agentDoc.Operations.Select(o => o.Title).ToArray();
var latencies = new List<double>();
for (var i = 0; i < 2000; i++)
{
    var stopwatch = Stopwatch.StartNew();
    _ = index.SearchOperations(queries[i % queries.Length], 5);
    _ = index.SchemasUsedBy(agentDoc.Operations[i % agentDoc.Operations.Count]);
    stopwatch.Stop();
    latencies.Add(stopwatch.Elapsed.TotalMilliseconds);
}

latencies.Sort();
Console.WriteLine($"index query (search by intent + schemas of an operation): p50 {latencies[latencies.Count / 2]:F3} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F3} ms");
await McpQueryBenchmark.RunAsync(agentDoc);
return 0;

static string FindTestData()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "SkillRt.sln")))
        {
            return Path.Combine(directory.FullName, "..", "shared", "testdata");
        }
    }

    throw new InvalidOperationException("SkillRt.sln was not found above " + AppContext.BaseDirectory);
}
