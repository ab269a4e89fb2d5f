using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using ModelContextProtocol.Client;

namespace SkillRt.McpBenchmark;

/// <summary>
/// <c>skillrt mcp serve --http</c> as a child process, with a rate limit above what the benchmark sends, and
/// an SDK transport to its endpoint carrying the key.
/// </summary>
internal sealed class HttpServer : IAsyncDisposable
{
    private const string Banner = "SkillRt MCP endpoint (Streamable HTTP): ";

    private readonly Process _process;

    private HttpServer(Process process, HttpClientTransport transport)
    {
        _process = process;
        Transport = transport;
    }

    public HttpClientTransport Transport { get; }

    public static async Task<HttpServer> StartAsync(BenchmarkOptions options, string work, IReadOnlyDictionary<string, string?> environment, string folder)
    {
        var (command, prefix) = options.Command;
        var keyFile = Path.Combine(work, "mcp.key");
        var start = new ProcessStartInfo(command) { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in (string[])[.. prefix, "mcp", "serve", "--http", "--key-file", keyFile, "--rate-limit", "1000000", folder])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith(Banner, StringComparison.Ordinal))
        {
        }

        if (line is null)
        {
            throw new InvalidOperationException("skillrt mcp serve --http exited without printing its endpoint.");
        }

        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(line[Banner.Length..]),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + (await File.ReadAllTextAsync(keyFile)).Trim() },
        });
        return new HttpServer(process, transport);
    }

    public async ValueTask DisposeAsync()
    {
        await Transport.DisposeAsync();
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
