using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using SkillRt.RegistryLoad;

// benchmarks/registry/run.sh starts the server (and nginx) and passes their addresses; see benchmarks/README.md.
LoadSettings settings;
try
{
    settings = LoadSettings.Parse(args);
}
catch (Exception exception) when (exception is ArgumentException or FormatException)
{
    Console.Error.WriteLine("error: " + exception.Message);
    Console.Error.WriteLine("usage: SkillRt.RegistryLoad --server http://127.0.0.1:PORT/ --key skr_… [--nginx http://127.0.0.1:PORT/ --nginx-root DIR] [--server-pid PID]");
    Console.Error.WriteLine("       [--packages 2000] [--versions 5] [--publish-concurrency 8] [--concurrency 64] [--searches 20000] [--downloads 20000] [--phase-seconds 300] [--skill-kb 0] [--json FILE]");
    Console.Error.WriteLine("       [--web-requests 0] [--web-only false]   (search and package pages, time to first byte)");
    return 2;
}

var progress = new Progress<string>(line => Console.Error.WriteLine(line));
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(settings.Concurrency, settings.PublishConcurrency), PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    Timeout = TimeSpan.FromMinutes(2),
};
var phases = new Phases(settings, http);
var results = new Dictionary<string, object?>();
string Mb((double Current, double Peak) memory) => $"{memory.Current:F0} MB now, {memory.Peak:F0} MB peak";

Console.Error.WriteLine($"Publishing {settings.Packages * settings.VersionsPerPackage} versions ({settings.Packages} packages × {settings.VersionsPerPackage}) with {settings.PublishConcurrency} clients …");
var publish = await phases.PublishAsync(progress);
var afterPublish = ProcessMemory.Read(settings.ServerProcessId);
results["publish"] = new { versionsPerSecond = publish.PerSecond, p50Ms = publish.Latencies.Percentile(50), p99Ms = publish.Latencies.Percentile(99), skillKb = settings.SkillKb, failures = publish.Failures, seconds = publish.Elapsed.TotalSeconds, rssMb = afterPublish.CurrentMb, peakRssMb = afterPublish.PeakMb };

if (settings.WebRequests > 0)
{
    var web = new WebPages(settings, http);
    Console.Error.WriteLine($"Web pages: {settings.WebRequests} search pages, {settings.WebRequests} package pages over every package, {settings.WebRequests} over the {WebPages.PopularPackages} most popular, from {settings.Concurrency} clients …");
    // One short warm-up round of each, so JIT and first compilations are not counted.
    await web.RunAsync(Math.Min(500, settings.WebRequests), web.SearchPage);
    await web.RunAsync(Math.Min(500, settings.WebRequests), web.PackagePage);
    var searchPages = await web.RunAsync(settings.WebRequests, web.SearchPage);
    var packagePages = await web.RunAsync(settings.WebRequests, web.PackagePage);
    var popularPages = await web.RunAsync(settings.WebRequests, web.PopularPackagePage);
    var searchWeight = await web.WeighAsync(web.SearchPage(0));
    var packageWeight = await web.WeighAsync(web.PackagePage(1));
    var afterWeb = ProcessMemory.Read(settings.ServerProcessId);
    object Summary((LatencyRecorder FirstByte, TimeSpan Elapsed, long Bytes) run, (long HtmlBytes, long AssetBytes, IReadOnlyList<string> External) weight) => new
    {
        requests = run.FirstByte.Count,
        failures = run.FirstByte.Failures,
        perSecond = run.FirstByte.Count / run.Elapsed.TotalSeconds,
        ttfbP50Ms = run.FirstByte.Percentile(50),
        ttfbP90Ms = run.FirstByte.Percentile(90),
        ttfbP99Ms = run.FirstByte.Percentile(99),
        htmlKb = weight.HtmlBytes / 1024.0,
        withAssetsKb = (weight.HtmlBytes + weight.AssetBytes) / 1024.0,
        externalRequests = weight.External,
    };
    results["searchPage"] = Summary(searchPages, searchWeight);
    results["packagePage"] = Summary(packagePages, packageWeight);
    results["popularPackagePage"] = Summary(popularPages, packageWeight);
    results["webRssMb"] = afterWeb.CurrentMb;
    string Line(string name, (LatencyRecorder FirstByte, TimeSpan Elapsed, long Bytes) run, (long HtmlBytes, long AssetBytes, IReadOnlyList<string> External) weight) => string.Create(CultureInfo.InvariantCulture,
        $"{name} TTFB p50 {run.FirstByte.Percentile(50):F2} ms, p90 {run.FirstByte.Percentile(90):F2} ms, p99 {run.FirstByte.Percentile(99):F2} ms, {run.FirstByte.Count / run.Elapsed.TotalSeconds:F0} req/s ({run.FirstByte.Failures} failed); page {weight.HtmlBytes / 1024.0:F1} KB, with assets {(weight.HtmlBytes + weight.AssetBytes) / 1024.0:F1} KB transferred, {weight.External.Count} external requests");
    Console.WriteLine(Line("search page ", searchPages, searchWeight));
    Console.WriteLine(Line("package page", packagePages, packageWeight));
    Console.WriteLine(Line("popular page", popularPages, packageWeight));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server {afterWeb.CurrentMb:F0} MB after the web phase"));
    if (settings.WebOnly)
    {
        if (settings.JsonOutput is { } webJson)
        {
            await File.WriteAllTextAsync(webJson, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        }

        return publish.Failures == 0 && searchPages.FirstByte.Failures == 0 && packagePages.FirstByte.Failures == 0 && popularPages.FirstByte.Failures == 0 && packageWeight.External.Count == 0 ? 0 : 1;
    }
}

Console.Error.WriteLine($"Searching: {settings.SearchRequests} queries from {settings.Concurrency} clients …");
// One short warm-up round, so JIT and caches are not counted as search latency.
await phases.SearchAsync();
var search = await phases.SearchAsync();
var afterSearch = ProcessMemory.Read(settings.ServerProcessId);
results["search"] = new
{
    requests = search.Latencies.Count,
    failures = search.Latencies.Failures,
    perSecond = search.Latencies.Count / search.Elapsed.TotalSeconds,
    p50Ms = search.Latencies.Percentile(50),
    p90Ms = search.Latencies.Percentile(90),
    p99Ms = search.Latencies.Percentile(99),
    rssMb = afterSearch.CurrentMb,
    peakRssMb = afterSearch.PeakMb,
};

Console.Error.WriteLine($"Downloading: {settings.DownloadRequests} packages from {settings.Concurrency} clients, the server and nginx in turn …");
var flat = new Uri(settings.Server, "v3/flatcontainer/");
var rounds = new List<object>();
double serverBest = 0, nginxBest = 0;
for (var round = 0; round < 2; round++)
{
    var server = await phases.DownloadAsync(flat);
    var serverRate = server.Latencies.Count / server.Elapsed.TotalSeconds;
    serverBest = Math.Max(serverBest, serverRate);
    object? nginxResult = null;
    if (settings.Nginx is { } nginxUrl)
    {
        var nginx = await phases.DownloadAsync(nginxUrl);
        var nginxRate = nginx.Latencies.Count / nginx.Elapsed.TotalSeconds;
        nginxBest = Math.Max(nginxBest, nginxRate);
        nginxResult = new { perSecond = nginxRate, failures = nginx.Latencies.Failures, mbPerSecond = nginx.Bytes / 1e6 / nginx.Elapsed.TotalSeconds, p99Ms = nginx.Latencies.Percentile(99) };
    }

    rounds.Add(new
    {
        server = new { perSecond = serverRate, failures = server.Latencies.Failures, mbPerSecond = server.Bytes / 1e6 / server.Elapsed.TotalSeconds, p99Ms = server.Latencies.Percentile(99) },
        nginx = nginxResult,
    });
}

var afterDownload = ProcessMemory.Read(settings.ServerProcessId);
results["download"] = new { rounds, serverBestPerSecond = serverBest, nginxBestPerSecond = nginxBest, ratioToNginx = nginxBest > 0 ? serverBest / nginxBest : double.NaN, rssMb = afterDownload.CurrentMb, peakRssMb = afterDownload.PeakMb };

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
    publish   {publish.PerSecond:F1} versions/s, p50 {publish.Latencies.Percentile(50):F1} ms, p99 {publish.Latencies.Percentile(99):F1} ms ({publish.Failures} failed, {publish.Elapsed.TotalSeconds:F0} s); server {Mb(afterPublish)}
    search    p50 {search.Latencies.Percentile(50):F2} ms, p90 {search.Latencies.Percentile(90):F2} ms, p99 {search.Latencies.Percentile(99):F2} ms, {search.Latencies.Count / search.Elapsed.TotalSeconds:F0} req/s ({search.Latencies.Failures} failed); server {Mb(afterSearch)}
    download  server {serverBest:F0} req/s, nginx {nginxBest:F0} req/s, ratio {(nginxBest > 0 ? serverBest / nginxBest : double.NaN):F2}; server {Mb(afterDownload)}
    """));

if (settings.JsonOutput is { } path)
{
    await File.WriteAllTextAsync(path, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
}

return publish.Failures == 0 && search.Latencies.Failures == 0 ? 0 : 1;
