using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Output;
using SkillRt.Cli.Sources;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt search &lt;query&gt; [--filter runtime:process …]</c>: the registry's search
/// (<c>SearchQueryService</c> from its service index), anonymous like any read. Filters are terms of
/// the query the server understands (<c>runtime:process</c>, <c>permission:network</c>,
/// <c>output:json</c>, <c>input:url</c>, <c>owner:contoso</c>), so the same query works in a browser.
/// Prints a table and the facet counts; <c>--json</c> prints the results in a fixed shape.
/// </summary>
internal static class SearchCommand
{
    // Newest first: 3.5.0 has the totalDownloads and SemVer 2.0 fields every version since shares.
    private static readonly string[] SearchTypes = ["SearchQueryService/3.5.0", "SearchQueryService/3.0.0-rc", "SearchQueryService"];

    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "Words to find in skill IDs, titles, descriptions, tags and input/output names." };
        var filter = new Option<string[]>("--filter", "-f")
        {
            Description = "A skill filter such as runtime:process, permission:network, output:json, input:url or owner:<name> (repeat for several; all must match).",
        };
        var take = new Option<int>("--take") { Description = "How many results to show (1–100).", DefaultValueFactory = _ => 20 };
        var skip = new Option<int>("--skip") { Description = "How many results to skip, for the next page.", DefaultValueFactory = _ => 0 };
        var prerelease = new Option<bool>("--prerelease") { Description = "Include prerelease versions." };
        var source = SourceOption.Create();
        var format = new JsonFormat();
        var command = new Command("search", "Search a registry for skills.") { query, filter, take, skip, prerelease, source };
        format.AddTo(command);
#if SKILL_NATIVE_FRONT
        // An HTTP request: HttpClient lives in the host, as for feed installs.
        command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new Request(
                parseResult.GetValue(query)!,
                parseResult.GetValue(filter) ?? [],
                parseResult.GetValue(take),
                parseResult.GetValue(skip),
                parseResult.GetValue(prerelease)),
            parseResult.GetValue(source),
            format.IsJson(parseResult),
            parseResult.InvocationConfiguration.Output,
            cancellationToken));
#endif
        return command;
    }

    private static async Task<int> RunAsync(Request request, string? sourceName, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        if (request.Take is < 1 or > 100)
        {
            throw new CliException(ExitCodes.UsageError, $"--take {request.Take}: take 1–100 results at a time, and page with --skip.");
        }

        if (request.Skip < 0)
        {
            throw new CliException(ExitCodes.UsageError, $"--skip {request.Skip}: skip 0 or more results.");
        }

        var source = SkillRtConfig.Load().Resolve(sourceName);
        using var client = new RegistryClient(source, key: null);
        var search = await client.FindResourceAsync("search", SearchTypes, cancellationToken).ConfigureAwait(false);
        var q = string.Join(' ', new[] { request.Query.Trim() }.Concat(request.Filters.Select(f => f.Trim())).Where(term => term.Length > 0));
        var url = new UriBuilder(search)
        {
            Query = string.Join('&', [
                "q=" + Uri.EscapeDataString(q),
                "skip=" + request.Skip.ToString(CultureInfo.InvariantCulture),
                "take=" + request.Take.ToString(CultureInfo.InvariantCulture),
                "prerelease=" + (request.Prerelease ? "true" : "false"),
                "semVerLevel=2.0.0"]),
        }.Uri;

        // A query over the web server's request-line limit is refused before the registry sees it, with no problem text.
        var answer = await client.GetJsonAsync(
            url,
            cancellationToken,
            status => status == HttpStatusCode.RequestUriTooLong ? $"the query is too long ({q.Length} characters); shorten it." : null).ConfigureAwait(false);
        using (answer)
        {
            var results = Read(answer?.RootElement, source);
            if (json)
            {
                await JsonOutput.WriteAsync(output, writer => WriteJson(writer, source, q, request, results, answer!.RootElement)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (results.Hits.Count == 0)
            {
                await output.WriteLineAsync(request.Skip > 0 && results.TotalHits > 0
                    ? $"No more results on {source}: '{q}' has {results.TotalHits}."
                    : $"No skills on {source} match '{q}'.").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var table = new TextTable("ID", "VERSION", "DOWNLOADS", "DESCRIPTION");
            foreach (var hit in results.Hits)
            {
                table.Add(hit.Id, hit.Version, hit.Downloads.ToString("N0", CultureInfo.InvariantCulture), TextTable.OneLine(hit.Description));
            }

            await table.WriteAsync(output, OutputWidth.For(output)).ConfigureAwait(false);
            var last = request.Skip + results.Hits.Count;
            if (results.TotalHits > last)
            {
                await output.WriteLineAsync($"{request.Skip + 1}–{last} of {results.TotalHits}; the next page: --skip {last}.").ConfigureAwait(false);
            }

            foreach (var line in FacetLines(answer!.RootElement))
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
    }

    private static Results Read(JsonElement? root, RegistrySource source)
    {
        if (root is not { ValueKind: JsonValueKind.Object } answer || !answer.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new CliException(ExitCodes.FeedError, $"{source} answered the search without a \"data\" list; is it a NuGet V3 search service?");
        }

        var hits = new List<Hit>();
        foreach (var item in data.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object))
        {
            hits.Add(new Hit(
                Text(item, "id") ?? "",
                Text(item, "version") ?? "",
                Text(item, "title"),
                Text(item, "description") ?? "",
                item.TryGetProperty("totalDownloads", out var downloads) && downloads.TryGetInt64(out var count) ? count : 0,
                item.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
                    ? [.. tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!)]
                    : []));
        }

        var total = answer.TryGetProperty("totalHits", out var totalHits) && totalHits.TryGetInt64(out var value) ? value : hits.Count;
        return new Results(total, hits);
    }

    /// <summary>
    /// The <c>--json</c> document: the query as sent, the total, each hit with the same fields, and the
    /// server's facet counts as it sent them (they are the server's vocabulary, not the CLI's).
    /// </summary>
    private static void WriteJson(Utf8JsonWriter writer, RegistrySource source, string q, Request request, Results results, JsonElement root)
    {
        writer.WriteStartObject();
        writer.WriteString("source", source.Name);
        writer.WriteString("query", q);
        writer.WriteNumber("skip", request.Skip);
        writer.WriteNumber("take", request.Take);
        writer.WriteNumber("totalHits", results.TotalHits);
        writer.WriteStartArray("results");
        foreach (var hit in results.Hits)
        {
            writer.WriteStartObject();
            writer.WriteString("id", hit.Id);
            writer.WriteString("version", hit.Version);
            if (hit.Title is null)
            {
                writer.WriteNull("title");
            }
            else
            {
                writer.WriteString("title", hit.Title);
            }

            writer.WriteString("description", hit.Description);
            writer.WriteNumber("downloads", hit.Downloads);
            writer.WriteStartArray("tags");
            foreach (var tag in hit.Tags)
            {
                writer.WriteStringValue(tag);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WritePropertyName("facets");
        if (root.TryGetProperty("facets", out var facets))
        {
            facets.WriteTo(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// One line per facet: <c>runtime: process 3, prompt 5</c>. Facets are read as either an object of
    /// counts (<c>{"runtime": {"process": 3}}</c>) or a list of <c>{value, count}</c>.
    /// </summary>
    private static IEnumerable<string> FacetLines(JsonElement root)
    {
        if (!root.TryGetProperty("facets", out var facets) || facets.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var facet in facets.EnumerateObject())
        {
            var counts = new List<string>();
            if (facet.Value.ValueKind == JsonValueKind.Object)
            {
                counts.AddRange(facet.Value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).Select(p => $"{p.Name} {p.Value.GetRawText()}"));
            }
            else if (facet.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in facet.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
                {
                    var name = Text(entry, "value") ?? Text(entry, "name");
                    if (name is not null && entry.TryGetProperty("count", out var count) && count.ValueKind == JsonValueKind.Number)
                    {
                        counts.Add($"{name} {count.GetRawText()}");
                    }
                }
            }

            if (counts.Count > 0)
            {
                yield return $"{facet.Name}: {string.Join(", ", counts)}";
            }
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record Request(string Query, string[] Filters, int Take, int Skip, bool Prerelease);

    private sealed record Results(long TotalHits, IReadOnlyList<Hit> Hits);

    private sealed record Hit(string Id, string Version, string? Title, string Description, long Downloads, string[] Tags);
}
