using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Signing.Transparency;

/// <summary>
/// Reads a SkillRt registry's transparency log API (<c>api/v2/transparency-log/…</c>). Every answer is
/// returned with a problem instead of a value when it cannot be used, never as an exception: a server
/// that cannot be reached, refuses, or answers something malformed gives a sentence saying so.
/// </summary>
/// <param name="http">The client to send with (its lifetime stays the caller's).</param>
/// <param name="logUrl">The log's base address, ending in <c>api/v2/transparency-log/</c>.</param>
public sealed class TransparencyLogClient(HttpClient http, Uri logUrl)
{
    // Far above any honest answer (a proof is ~64 × 45 bytes), far below anything that hurts.
    private const int MaxAnswerBytes = 1024 * 1024;

    /// <summary>The log's base address.</summary>
    public Uri LogUrl { get; } = logUrl;

    /// <summary>The log's verifier key.</summary>
    public async Task<(NoteVerifier? Key, string? Problem)> GetKeyAsync(CancellationToken cancellationToken)
    {
        var (json, problem) = await GetJsonAsync("key", cancellationToken).ConfigureAwait(false);
        using (json)
        {
            if (json is null)
            {
                return (null, problem);
            }

            var text = Text(json.RootElement, "verifierKey");
            var key = NoteVerifier.Parse(text, out var keyProblem);
            return key is null ? (null, $"the log's key ({LogUrl}key) is not usable: {keyProblem}.") : (key, null);
        }
    }

    /// <summary>The latest signed checkpoint, as the note text.</summary>
    public async Task<(string? Note, string? Problem)> GetCheckpointAsync(CancellationToken cancellationToken) =>
        await GetTextAsync("checkpoint", cancellationToken).ConfigureAwait(false);

    /// <summary>The entry recording <paramref name="id"/> at <paramref name="version"/>: its leaf index and text. Found is false for a 404.</summary>
    public async Task<(bool Found, long Index, string? Entry, string? Problem)> GetPackageEntryAsync(string id, string version, CancellationToken cancellationToken)
    {
        var (json, problem, status) = await GetJsonCoreAsync($"packages/{Uri.EscapeDataString(id)}/{Uri.EscapeDataString(version)}", cancellationToken).ConfigureAwait(false);
        using (json)
        {
            if (json is null)
            {
                return (false, -1, null, status == HttpStatusCode.NotFound ? $"the log records no {id} {version}: the registry never logged accepting it." : problem);
            }

            var index = Number(json.RootElement, "index");
            var entry = Text(json.RootElement, "entry");
            return index is null || entry is null
                ? (false, -1, null, "the log's answer for the package has no 'index' and 'entry'.")
                : (true, index.Value, entry, null);
        }
    }

    /// <summary>The inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    public Task<(List<byte[]>? Hashes, string? Problem)> GetInclusionProofAsync(long index, long size, CancellationToken cancellationToken) =>
        GetProofAsync(FormattableString.Invariant($"proofs/inclusion?index={index}&size={size}"), cancellationToken);

    /// <summary>The consistency proof from <paramref name="oldSize"/> to <paramref name="newSize"/> leaves.</summary>
    public Task<(List<byte[]>? Hashes, string? Problem)> GetConsistencyProofAsync(long oldSize, long newSize, CancellationToken cancellationToken) =>
        GetProofAsync(FormattableString.Invariant($"proofs/consistency?from={oldSize}&to={newSize}"), cancellationToken);

    private async Task<(List<byte[]>?, string?)> GetProofAsync(string relative, CancellationToken cancellationToken)
    {
        var (json, problem) = await GetJsonAsync(relative, cancellationToken).ConfigureAwait(false);
        using (json)
        {
            if (json is null)
            {
                return (null, problem);
            }

            if (!json.RootElement.TryGetProperty("hashes", out var hashes) || hashes.ValueKind != JsonValueKind.Array || hashes.GetArrayLength() > 128)
            {
                return (null, $"the log's proof ({relative}) has no 'hashes' list.");
            }

            var list = new List<byte[]>();
            foreach (var hash in hashes.EnumerateArray())
            {
                var bytes = new byte[MerkleHash.Size + 3];
                if (hash.ValueKind != JsonValueKind.String || !Convert.TryFromBase64String(hash.GetString()!, bytes, out var length) || length != MerkleHash.Size)
                {
                    return (null, $"the log's proof ({relative}) holds something that is not a base64 {MerkleHash.Size}-byte hash.");
                }

                list.Add(bytes[..MerkleHash.Size]);
            }

            return (list, null);
        }
    }

    private async Task<(JsonDocument?, string?)> GetJsonAsync(string relative, CancellationToken cancellationToken)
    {
        var (json, problem, _) = await GetJsonCoreAsync(relative, cancellationToken).ConfigureAwait(false);
        return (json, problem);
    }

    private async Task<(JsonDocument?, string?, HttpStatusCode?)> GetJsonCoreAsync(string relative, CancellationToken cancellationToken)
    {
        var (text, problem, status) = await GetCoreAsync(relative, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return (null, problem, status);
        }

        try
        {
            var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                json.Dispose();
                return (null, $"{LogUrl}{relative} answered JSON that is not an object.", status);
            }

            return (json, null, status);
        }
        catch (JsonException)
        {
            return (null, $"{LogUrl}{relative} answered something that is not JSON; is this a SkillRt registry?", status);
        }
    }

    private async Task<(string?, string?)> GetTextAsync(string relative, CancellationToken cancellationToken)
    {
        var (text, problem, _) = await GetCoreAsync(relative, cancellationToken).ConfigureAwait(false);
        return (text, problem);
    }

    private async Task<(string?, string?, HttpStatusCode?)> GetCoreAsync(string relative, CancellationToken cancellationToken)
    {
        var url = new Uri(LogUrl, relative);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.Content.Headers.ContentLength > MaxAnswerBytes)
            {
                return (null, $"{url} answered {response.Content.Headers.ContentLength} bytes, more than any log answer needs.", response.StatusCode);
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (body.Length > MaxAnswerBytes)
            {
                return (null, $"{url} answered more than {MaxAnswerBytes} characters, more than any log answer needs.", response.StatusCode);
            }

            if (!response.IsSuccessStatusCode)
            {
                return (null, $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}{ProblemDetail(body)}.", response.StatusCode);
            }

            return (body, null, response.StatusCode);
        }
        catch (HttpRequestException exception)
        {
            return (null, $"cannot reach {url}: {exception.Message}", null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"{url} did not answer in time.", null);
        }
    }

    private static string ProblemDetail(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var detail = json.RootElement.ValueKind == JsonValueKind.Object ? Text(json.RootElement, "detail") : null;
            return detail is null ? "" : ": " + (detail.Length > 300 ? detail[..300] + "…" : detail);
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
