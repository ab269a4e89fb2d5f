using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Client;
using OpenAI;
using SkillRt;
using SkillRt.McpBenchmark;

// Usage: bash benchmarks/mcp/run.sh   (or: dotnet run -c Release --project benchmarks/SkillRt.McpBenchmark -- --skillrt <skillrt executable> [--calls N] [--startups N])
// 1. Per-call latency of the `greet` skill (a model skill; the model is CannedChatServer on 127.0.0.1):
//    in process through SkillRunner (the peer), then through `skillrt mcp serve` over stdio and over
//    Streamable HTTP with the C# SDK's McpClient. What MCP adds is the difference at each percentile.
// 2. Start-up: from starting `skillrt mcp serve` to the answer of tools/list, with 1 skill and with 1,000.
var options = BenchmarkOptions.Parse(args);
var root = FindRepositoryRoot();
var work = Directory.CreateTempSubdirectory("skillrt-mcp-bench-").FullName;
try
{
    using var model = new CannedChatServer("""{"greeting":"Hello, Ada!"}""");
    var one = Path.Combine(work, "one");
    Directory.CreateDirectory(Path.Combine(one, "greet"));
    await File.WriteAllTextAsync(Path.Combine(one, "greet", "SKILL.md"), Greet);
    var thousand = Path.Combine(work, "thousand");
    var prReview = await File.ReadAllTextAsync(Path.Combine(root, "examples", "pr-review", "SKILL.md"));
    for (var i = 0; i < 1000; i++)
    {
        Directory.CreateDirectory(Path.Combine(thousand, $"pr-review-{i}"));
        await File.WriteAllTextAsync(Path.Combine(thousand, $"pr-review-{i}", "SKILL.md"), prReview.Replace("name: pr-review\n", $"name: pr-review-{i}\n", StringComparison.Ordinal));
    }

    var environment = new Dictionary<string, string?>
    {
        ["OPENAI_BASE_URL"] = model.BaseUrl.ToString(),
        ["OPENAI_API_KEY"] = "bench",
        ["SKILLRT_MODEL"] = "bench",
        ["SKILLRT_HOME"] = Path.Combine(work, "home"),
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };
    var arguments = new Dictionary<string, object?> { ["who"] = "Ada" };
    Console.WriteLine($"skillrt: {options.Skillrt}; {Environment.ProcessorCount} cores; {options.Calls} measured calls after {options.Warmup} warm-up calls each");

    // The peer: the same skill, the same model server, SkillRunner in this process.
    var definition = await SkillDefinition.LoadAsync(Path.Combine(one, "greet", "SKILL.md"));
    using var chatClient = new OpenAIClient(new ApiKeyCredential("bench"), new OpenAIClientOptions { Endpoint = model.BaseUrl }).GetChatClient("bench").AsIChatClient();
    await using var runner = new SkillRunner(chatClient);
    using var input = JsonDocument.Parse("""{"who":"Ada"}""");
    var inProcess = await MeasureAsync(options, async () =>
    {
        var result = await runner.RunAsync(definition, input.RootElement);
        Check(result.Output.GetProperty("greeting").GetString() == "Hello, Ada!", "the in-process run returned the wrong output");
    });
    Console.WriteLine($"in process (SkillRunner):  {inProcess}");

    await using (var stdio = await McpClient.CreateAsync(Stdio(options, work, environment, one)))
    {
        var overStdio = await MeasureAsync(options, () => CallAsync(stdio, arguments));
        Console.WriteLine($"mcp serve, stdio:          {overStdio}");
        Report("stdio", inProcess, overStdio);
    }

    await using (var http = await HttpServer.StartAsync(options, work, environment, one))
    {
        await using var client = await McpClient.CreateAsync(http.Transport);
        var overHttp = await MeasureAsync(options, () => CallAsync(client, arguments));
        Console.WriteLine($"mcp serve, HTTP:           {overHttp}");
        Report("HTTP", inProcess, overHttp);
    }

    foreach (var (label, folder, count) in new[] { ("1 skill", one, 1), ("1,000 skills", thousand, 1000) })
    {
        var times = new List<double>();
        for (var i = 0; i < options.Startups + 1; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await using var client = await McpClient.CreateAsync(Stdio(options, work, environment, folder));
            var tools = await client.ListToolsAsync();
            stopwatch.Stop();
            Check(tools.Count == count, $"tools/list gave {tools.Count} tools, not {count}");
            if (i > 0)
            {
                // The first start warms the file cache; it is not counted.
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine($"start-up to tools/list, {label}: {new Percentiles(times)}");
    }

    return 0;
}
finally
{
    Directory.Delete(work, recursive: true);
}

static async Task<Percentiles> MeasureAsync(BenchmarkOptions options, Func<Task> call)
{
    for (var i = 0; i < options.Warmup; i++)
    {
        await call();
    }

    var samples = new double[options.Calls];
    for (var i = 0; i < samples.Length; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await call();
        samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    return new Percentiles(samples);
}

static async Task CallAsync(McpClient client, Dictionary<string, object?> arguments)
{
    var result = await client.CallToolAsync("greet", arguments);
    Check(result.IsError != true && result.StructuredContent?.GetProperty("greeting").GetString() == "Hello, Ada!", "the tool call failed: " + JsonSerializer.Serialize(result.Content.Select(c => c.ToString())));
}

static void Report(string transport, Percentiles inProcess, Percentiles mcp) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  added by MCP over {transport}: p50 {mcp.P50 - inProcess.P50:F3} ms, p99 {mcp.P99 - inProcess.P99:F3} ms (ratio at p50 {mcp.P50 / inProcess.P50:F2}x)"));

static StdioClientTransport Stdio(BenchmarkOptions options, string work, Dictionary<string, string?> environment, string folder)
{
    var (command, prefix) = options.Command;
    return new StdioClientTransport(new StdioClientTransportOptions
    {
        Name = "skillrt",
        Command = command,
        Arguments = [.. prefix, "mcp", "serve", folder],
        WorkingDirectory = work,
        EnvironmentVariables = environment,
    });
}

static void Check(bool condition, string problem)
{
    if (!condition)
    {
        throw new InvalidOperationException(problem);
    }
}

static string FindRepositoryRoot()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "SkillRt.sln")))
        {
            return folder.FullName;
        }
    }

    throw new InvalidOperationException("Run from a clone of SkillRt (SkillRt.sln was not found above " + AppContext.BaseDirectory + ").");
}

internal static partial class Program
{
    private const string Greet = """
        ---
        name: greet
        version: 1.0.0
        description: Greets someone by name.
        inputs:
          - name: who
            type: string
            required: true
        outputs:
          type: json
          schema:
            type: object
            required: [greeting]
            additionalProperties: false
            properties:
              greeting: {type: string}
        ---
        Greet {{ who }}.
        """;
}
