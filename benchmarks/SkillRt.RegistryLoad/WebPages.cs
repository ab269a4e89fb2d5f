using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.RegistryLoad;

/// <summary>
/// The web UI under load: search pages and package pages requested as a browser does (HTML, Brotli),
/// timed to the first byte (the response headers: the server has rendered the page by then), and
/// what a page weighs with everything it loads.
/// </summary>
internal sealed partial class WebPages(LoadSettings settings, HttpClient http)
{
    /// <summary>A search page URL for request <paramref name="i"/>: the load phase's queries, a few pages deep.</summary>
    public Uri SearchPage(int i)
    {
        var query = GeneratedSkills.Queries[i % GeneratedSkills.Queries.Count];
        var page = (i / GeneratedSkills.Queries.Count) % 3 + 1;
        return new Uri(settings.Server, $"?q={Uri.EscapeDataString(query)}" + (page > 1 ? $"&page={page}" : string.Empty));
    }

    /// <summary>A package page URL for request <paramref name="i"/>, spread over every package.</summary>
    public Uri PackagePage(int i) =>
        new(settings.Server, $"packages/{GeneratedSkills.Id((int)((uint)(i * 2654435761u) % (uint)settings.Packages))}");

    /// <summary>How many packages <see cref="PopularPackagePage"/> spreads over.</summary>
    public const int PopularPackages = 100;

    /// <summary>
    /// A package page URL for request <paramref name="i"/>, spread over the first <see cref="PopularPackages"/>
    /// packages: most views of a real gallery go to a few skills, and these pages were viewed before.
    /// </summary>
    public Uri PopularPackagePage(int i) => PackagePage(i % Math.Min(PopularPackages, settings.Packages));

    /// <summary>Requests <paramref name="requests"/> pages from <see cref="LoadSettings.Concurrency"/> clients; latency is to the first byte.</summary>
    public async Task<(LatencyRecorder FirstByte, TimeSpan Elapsed, long Bytes)> RunAsync(int requests, Func<int, Uri> target)
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
                var buffer = new byte[16384];
                int item;
                while ((item = Interlocked.Increment(ref next)) < requests && !limit.IsCancellationRequested)
                {
                    try
                    {
                        using var request = Request(target(item));
                        var started = Stopwatch.GetTimestamp();
                        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
                        var firstByte = Stopwatch.GetElapsedTime(started);
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
                        latencies.Record(firstByte);
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

    /// <summary>
    /// What loading <paramref name="page"/> transfers, compressed as a browser takes it: the HTML and
    /// every stylesheet, script and image it links; and the links that leave this server (none expected).
    /// </summary>
    public async Task<(long HtmlBytes, long AssetBytes, IReadOnlyList<string> External)> WeighAsync(Uri page)
    {
        var (html, htmlBytes) = await FetchAsync(page).ConfigureAwait(false);
        long assets = 0;
        var external = new List<string>();
        foreach (var link in ResourceLinks().Matches(html).Select(m => m.Groups["url"].Value).Distinct(StringComparer.Ordinal))
        {
            var url = new Uri(page, System.Net.WebUtility.HtmlDecode(link));
            if (url.Host != settings.Server.Host || url.Port != settings.Server.Port)
            {
                external.Add(url.ToString());
                continue;
            }

            assets += (await FetchAsync(url).ConfigureAwait(false)).Bytes;
        }

        return (htmlBytes, assets, external);
    }

    private async Task<(string Text, long Bytes)> FetchAsync(Uri url)
    {
        using var request = Request(url);
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var compressed = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var encoding = response.Content.Headers.ContentEncoding.FirstOrDefault();
        using var decoded = new MemoryStream();
        using (var source = encoding switch
        {
            "br" => (Stream)new System.IO.Compression.BrotliStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress),
            "gzip" => new System.IO.Compression.GZipStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress),
            _ => new MemoryStream(compressed),
        })
        {
            await source.CopyToAsync(decoded).ConfigureAwait(false);
        }

        return (System.Text.Encoding.UTF8.GetString(decoded.ToArray()), compressed.Length);
    }

    // As a browser navigates: it asks for HTML and takes Brotli.
    private static HttpRequestMessage Request(Uri url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        return request;
    }

    [GeneratedRegex("""<(?:link|script|img)\b[^>]*?\b(?:href|src)="(?<url>[^"]+)"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex ResourceLinks();
}
