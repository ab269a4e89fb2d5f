using System;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Reading;

namespace SkillRt.Registry.TransparencyLog;

/// <summary>
/// <c>api/v2/transparency-log/…</c>: the log's key, its latest signed checkpoint, entries, and
/// inclusion and consistency proofs. Anonymous reads (the server's global rate limiter applies);
/// hashes are base64, as in the checkpoint. What a client must check is in docs/registry.md.
/// </summary>
internal static class TransparencyLogEndpoints
{
    public static void Map(IEndpointRouteBuilder registry)
    {
        var log = registry.MapGroup(TransparencyLogRoutes.Group).WithTags("Transparency log");
        log.MapGet(TransparencyLogRoutes.Key, (TransparencyLogReader reader) => Results.Json(new
        {
            origin = reader.Verifier.Name,
            algorithm = "Ed25519",
            keyId = reader.Verifier.KeyId.ToString("x8", CultureInfo.InvariantCulture),
            verifierKey = reader.Verifier.Text,
            publicKey = Convert.ToBase64String(reader.Verifier.PublicKey.Span),
        }));
        log.MapGet(TransparencyLogRoutes.Checkpoint, CheckpointAsync);
        log.MapGet(TransparencyLogRoutes.Entries, EntriesAsync);
        log.MapGet(TransparencyLogRoutes.Package, PackageAsync);
        log.MapGet(TransparencyLogRoutes.InclusionProof, InclusionAsync);
        log.MapGet(TransparencyLogRoutes.ConsistencyProof, ConsistencyAsync);
    }

    private static async Task<IResult> CheckpointAsync(TransparencyLogReader reader, HttpResponse response, CancellationToken cancellationToken)
    {
        var (_, note) = await reader.CheckpointAsync(cancellationToken).ConfigureAwait(false);
        response.Headers.CacheControl = "no-cache";
        return Results.Text(note, "text/plain", Encoding.UTF8);
    }

    private static async Task<IResult> EntriesAsync(HttpRequest request, TransparencyLogReader reader, IOptions<TransparencyLogOptions> options, CancellationToken cancellationToken)
    {
        var size = await reader.SizeAsync(cancellationToken).ConfigureAwait(false);
        var max = options.Value.MaxEntriesPerPage;
        if (Number(request, "start", 0, size, out var start) is { } startProblem)
        {
            return startProblem;
        }

        if (Number(request, "end", start, size, out var end, Math.Min(size, start + max)) is { } endProblem)
        {
            return endProblem;
        }

        end = Math.Min(end, start + max);
        var entries = await reader.EntriesAsync(start, end, cancellationToken).ConfigureAwait(false);
        return Results.Json(new
        {
            treeSize = size,
            start,
            end,
            entries = entries.Select(e => new { index = e.LeafIndex, entry = e.Entry }).ToList(),
        });
    }

    private static async Task<IResult> PackageAsync(string id, string version, TransparencyLogReader reader, CancellationToken cancellationToken)
    {
        var normalized = PackageReader.Normalize(version);
        var record = normalized is null ? null : await reader.FindAsync(id, normalized, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Not in the transparency log",
                detail: $"The log records no version '{version}' of '{id}'. Check the ID and version ('skillrt search {id}'); a version the registry accepted is always in the log.");
        }

        return Results.Json(new
        {
            index = record.LeafIndex,
            entry = record.Entry,
            leafHash = Convert.ToBase64String(await reader.LeafHashAsync(record.LeafIndex, cancellationToken).ConfigureAwait(false)),
        });
    }

    private static async Task<IResult> InclusionAsync(HttpRequest request, TransparencyLogReader reader, CancellationToken cancellationToken)
    {
        var size = await reader.SizeAsync(cancellationToken).ConfigureAwait(false);
        if (Number(request, "size", 1, size, out var treeSize, size) is { } sizeProblem)
        {
            return sizeProblem;
        }

        if (Number(request, "index", 0, treeSize - 1, out var index) is { } indexProblem)
        {
            return indexProblem;
        }

        var proof = await reader.InclusionProofAsync(index, treeSize, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { index, treeSize, hashes = proof.Select(Convert.ToBase64String).ToList() });
    }

    private static async Task<IResult> ConsistencyAsync(HttpRequest request, TransparencyLogReader reader, CancellationToken cancellationToken)
    {
        var size = await reader.SizeAsync(cancellationToken).ConfigureAwait(false);
        if (Number(request, "to", 0, size, out var to, size) is { } toProblem)
        {
            return toProblem;
        }

        if (Number(request, "from", 0, to, out var from) is { } fromProblem)
        {
            return fromProblem;
        }

        var proof = await reader.ConsistencyProofAsync(from, to, cancellationToken).ConfigureAwait(false);
        return Results.Json(new { from, to, hashes = proof.Select(Convert.ToBase64String).ToList() });
    }

    /// <summary>Reads the query parameter <paramref name="name"/> as a number in [min, max]; a problem naming the range when it is not.</summary>
    private static IResult? Number(HttpRequest request, string name, long min, long max, out long value, long? fallback = null)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0 && fallback is { } given)
        {
            value = given;
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < min || value > max)
        {
            return max < min
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "The transparency log is empty", detail: "No version has been published yet, so there is nothing to prove; publish one first.")
                : ReadProblems.BadParameter(name, FormattableString.Invariant($"'{name}' must be a whole number from {min} to {max} here (the log's size bounds it; GET checkpoint gives the size); it was '{(text.Length > 40 ? text[..40] : text)}'."));
        }

        return null;
    }
}
