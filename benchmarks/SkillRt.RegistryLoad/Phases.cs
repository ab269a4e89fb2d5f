using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.RegistryLoad;

/// <summary>The three phases: publish, search, download. Each is bounded by a count and a time limit.</summary>
internal sealed class Phases(LoadSettings settings, HttpClient http)
{
    /// <summary>Publishes every version with NuGet's push protocol; returns versions per second and failures.</summary>
    public async Task<(double PerSecond, int Failures, TimeSpan Elapsed, LatencyRecorder Latencies)> PublishAsync(IProgress<string> progress)
    {
        var latencies = new LatencyRecorder();
        var total = settings.Packages * settings.VersionsPerPackage;
        var next = -1;
        var failures = 0;
        var done = 0;
        using var limit = new CancellationTokenSource(settings.PhaseTimeLimit);
        var clock = Stopwatch.StartNew();
        var workers = new Task[settings.PublishConcurrency];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                int item;
                while ((item = Interlocked.Increment(ref next)) < total && !limit.IsCancellationRequested)
                {
                    // Versions in order per package, packages interleaved: what many publishers look like.
                    var index = item % settings.Packages;
                    var release = item / settings.Packages;
                    var bytes = GeneratedSkills.Build(index, release, settings.SkillKb);
                    if (settings.NginxRoot is { } root)
                    {
                        var id = GeneratedSkills.Id(index);
                        var version = GeneratedSkills.Version(release);
                        var folder = Path.Combine(root, id, version);
                        Directory.CreateDirectory(folder);
                        await File.WriteAllBytesAsync(Path.Combine(folder, $"{id}.{version}.nupkg"), bytes).ConfigureAwait(false);
                    }

                    using var content = new MultipartFormDataContent();
                    var file = new ByteArrayContent(bytes);
                    file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                    content.Add(file, "package", "package.nupkg");
                    using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(settings.Server, "api/v2/package")) { Content = content };
                    request.Headers.Add("X-NuGet-ApiKey", settings.ApiKey);
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.SendAsync(request, limit.Token).ConfigureAwait(false);
                    latencies.Record(Stopwatch.GetElapsedTime(started));
                    if (!response.IsSuccessStatusCode)
                    {
                        if (Interlocked.Increment(ref failures) <= 3)
                        {
                            progress.Report($"publish {GeneratedSkills.Id(index)} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
                        }
                    }

                    var count = Interlocked.Increment(ref done);
                    if (count % 1000 == 0)
                    {
                        progress.Report($"published {count}/{total}");
                    }
                }
            });
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        return (done / clock.Elapsed.TotalSeconds, failures, clock.Elapsed, latencies);
    }

    /// <summary>Runs searches from <see cref="LoadSettings.Concurrency"/> clients at once.</summary>
    public Task<(LatencyRecorder Latencies, TimeSpan Elapsed)> SearchAsync() =>
        RunAsync(settings.SearchRequests, i =>
        {
            var query = GeneratedSkills.Queries[i % GeneratedSkills.Queries.Count];
            return new Uri(settings.Server, $"v3/search?q={Uri.EscapeDataString(query)}&skip={(i / GeneratedSkills.Queries.Count) % 5 * 20}&take=20");
        });

    /// <summary>Downloads packages from <paramref name="baseUrl"/> (the flat container, or nginx over the same layout).</summary>
    public Task<(LatencyRecorder Latencies, TimeSpan Elapsed, long Bytes)> DownloadAsync(Uri baseUrl) =>
        RunCountingAsync(settings.DownloadRequests, i =>
        {
            var index = (int)((uint)(i * 2654435761u) % (uint)settings.Packages);
            var id = GeneratedSkills.Id(index);
            var version = GeneratedSkills.Version(i % settings.VersionsPerPackage);
            return new Uri(baseUrl, $"{id}/{version}/{id}.{version}.nupkg");
        });

    private async Task<(LatencyRecorder Latencies, TimeSpan Elapsed)> RunAsync(int requests, Func<int, Uri> target)
    {
        var (latencies, elapsed, _) = await RunCountingAsync(requests, target).ConfigureAwait(false);
        return (latencies, elapsed);
    }

    private async Task<(LatencyRecorder Latencies, TimeSpan Elapsed, long Bytes)> RunCountingAsync(int requests, Func<int, Uri> target)
    {
        var latencies = new LatencyRecorder();
        long bytes = 0;
        var next = -1;
        using var limit = new CancellationTokenSource(settings.PhaseTimeLimit);
        var clock = Stopwatch.StartNew();
        var workers = new Task[settings.Concurrency];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                var buffer = new byte[81920];
                int item;
                while ((item = Interlocked.Increment(ref next)) < requests && !limit.IsCancellationRequested)
                {
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await http.GetAsync(target(item), HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
                        await using var body = await response.Content.ReadAsStreamAsync(limit.Token).ConfigureAwait(false);
                        long read = 0;
                        int n;
                        while ((n = await body.ReadAsync(buffer, limit.Token).ConfigureAwait(false)) > 0)
                        {
                            read += n;
                        }

                        if (!response.IsSuccessStatusCode)
                        {
                            latencies.Fail();
                            continue;
                        }

                        Interlocked.Add(ref bytes, read);
                        latencies.Record(Stopwatch.GetElapsedTime(started));
                    }
                    catch (Exception exception) when (exception is HttpRequestException or IOException)
                    {
                        latencies.Fail();
                    }
                }
            });
        }

        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The phase's time limit: what was measured until then counts.
        }

        return (latencies, clock.Elapsed, bytes);
    }
}
