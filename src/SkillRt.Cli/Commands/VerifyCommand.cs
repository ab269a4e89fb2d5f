using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using NuGet.Versioning;
using SkillRt.Cli.Output;
using SkillRt.Cli.Sources;
using SkillRt.Signing.Transparency;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt verify name@version [--source]</c>: downloads the package from the registry, computes its
/// SHA-512 and checks it against the registry's transparency log: the log key is the one pinned for the
/// source (pinned on first use, like ssh's known_hosts), the checkpoint is signed by it, the log's entry
/// for the version holds this SHA-512, the entry is in the signed tree, and the tree extends the last
/// checkpoint this machine accepted. Then the author's signature: the <c>.minisig</c> the registry serves
/// must verify over the downloaded bytes with an active key of the package's owner, and that key must be
/// the entry's <c>author-key</c> (<see cref="AuthorSignatureVerifier"/>); an unsigned version the log
/// agrees is unsigned is reported as unsigned. Every check is printed; exit 0 when all pass, 8 when one
/// detects tampering, 7 when the registry cannot be read, 3 when the version is not on it.
/// </summary>
internal static class VerifyCommand
{
    private const long MaxPackageBytes = 1L << 30;

    private static readonly string[] PackageBaseTypes = ["PackageBaseAddress/3.0.0"];

    private static readonly string[] SigningTypes = [Install.PackageSignatureVerifier.ResourceType];

    public static Command Create()
    {
        var package = new Argument<string>("package") { Description = "The package version to verify: <id>@<version>, for example Contoso.PrReview@1.2.0." };
        var source = SourceOption.Create();
        var format = new JsonFormat();
        var command = new Command("verify", "Check a published package against the registry's transparency log: its bytes, the signed log entry, inclusion and the log's history.") { package, source };
        format.AddTo(command);
#if SKILL_NATIVE_FRONT
        // HTTP and the log's cryptography live in the host, as for feed installs.
        command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(package)!,
            parseResult.GetValue(source),
            format.IsJson(parseResult),
            parseResult.InvocationConfiguration.Output,
            cancellationToken));
#endif
        return command;
    }

    private static async Task<int> RunAsync(string package, string? sourceName, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var (id, version) = Parse(package);
        var config = SkillRtConfig.Load();
        var source = config.Resolve(sourceName);
        var pins = TransparencyLogPins.Read(config.Directory);
        var (pinnedText, lastCheckpoint) = pins.For(source);
        NoteVerifier? pinned = null;
        if (pinnedText is not null)
        {
            pinned = NoteVerifier.Parse(pinnedText, out var problem)
                ?? throw new CliException(ExitCodes.NotConfigured, $"'{pins.Path}': the log key pinned for {source} is not usable: {problem}; remove that entry to pin the registry's key again.");
        }

        using var http = CreateHttpClient();
        Uri flatContainer;
        Uri? signing;
        using (var registry = new RegistryClient(source, key: null))
        {
            flatContainer = await registry.FindResourceAsync("package downloads", PackageBaseTypes, cancellationToken).ConfigureAwait(false);
            signing = await registry.FindOptionalResourceAsync(SigningTypes, cancellationToken).ConfigureAwait(false);
        }

        var (sha512, content) = await DownloadAsync(http, source, flatContainer, id, version, cancellationToken).ConfigureAwait(false);
        await using var contentScope = content.ConfigureAwait(false);
        var log = new TransparencyLogClient(http, new Uri(source.ApiRoot, "api/v2/transparency-log/"));
        var verification = await PackageLogVerifier.VerifyAsync(log, id, version, sha512, pinned, lastCheckpoint, cancellationToken).ConfigureAwait(false);
        var author = await AuthorSignatureVerifier.VerifyAsync(http, source, flatContainer, signing, id, version, content, verification.Entry, cancellationToken).ConfigureAwait(false);

        var checks = verification.Checks.ToList();
        checks.Add(author.Check);

        // Pin the key on first use once a checkpoint verified with it; remember the checkpoint only when every check passed.
        var checkpointVerified = checks.Exists(c => c.Name == "checkpoint" && c.Status == LogCheckStatus.Passed);
        if (verification.LogKey is not null && checkpointVerified && (pinned is null || verification.Checkpoint is not null))
        {
            await TransparencyLogPins.UpdateAsync(p => p.Set(source, (pinned ?? verification.LogKey).Text, verification.Checkpoint), cancellationToken).ConfigureAwait(false);
        }

        var exitCode = verification.TamperDetected || author.Check.Status == LogCheckStatus.Failed ? ExitCodes.VerificationFailed
            : verification.Succeeded && author.Check.Status != LogCheckStatus.Unavailable ? ExitCodes.Success
            : ExitCodes.FeedError;
        if (json)
        {
            await JsonOutput.WriteAsync(output, writer => WriteJson(writer, source, id, version, sha512, verification, author, checks, exitCode)).ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync($"Verifying {id} {version} from {source}").ConfigureAwait(false);
            await output.WriteLineAsync($"  package SHA-512 {Convert.ToBase64String(sha512)}").ConfigureAwait(false);
            foreach (var check in checks)
            {
                await output.WriteLineAsync($"  {Mark(check.Status)} {check.Name}: {check.Detail}").ConfigureAwait(false);
            }

            await output.WriteLineAsync(exitCode switch
            {
                ExitCodes.Success => author.State == "verified"
                    ? $"Verified: {id} {version} is the package the registry logged, signed by its author's logged key, and the log only grew."
                    : $"Verified: {id} {version} is the package the registry logged, and the log only grew.",
                ExitCodes.VerificationFailed => $"NOT VERIFIED: tampering detected ({string.Join(", ", checks.Where(c => c.Status == LogCheckStatus.Failed).Select(c => c.Name))}). Do not install this package; report it to the registry's operators.",
                _ => "Not verified: the registry's log or the author's signature could not be read; try again, or check the source ('skillrt sources list').",
            }).ConfigureAwait(false);
        }

        return exitCode;
    }

    private static string Mark(LogCheckStatus status) => status switch
    {
        LogCheckStatus.Passed => "ok  ",
        LogCheckStatus.Failed => "FAIL",
        LogCheckStatus.Unavailable => "??  ",
        _ => "skip",
    };

    private static (string Id, string Version) Parse(string package)
    {
        var at = package.LastIndexOf('@');
        if (at <= 0 || at == package.Length - 1)
        {
            throw new CliException(ExitCodes.UsageError, $"'{package}': name the package version as <id>@<version>, for example Contoso.PrReview@1.2.0.");
        }

        var id = package[..at];
        if (!NuGetVersion.TryParse(package[(at + 1)..], out var version))
        {
            throw new CliException(ExitCodes.UsageError, $"'{package}': '{package[(at + 1)..]}' is not a version; verify checks one exact version, such as 1.2.0.");
        }

        return (id, version.ToNormalizedString());
    }

    /// <summary>
    /// Downloads the package into a temporary file (deleted when the stream is disposed), hashing it on the
    /// way: the log checks its SHA-512 and the author's signature is checked over the same bytes.
    /// </summary>
    private static async Task<(byte[] Sha512, Stream Content)> DownloadAsync(HttpClient http, RegistrySource source, Uri baseAddress, string id, string version, CancellationToken cancellationToken)
    {
        var lowerId = id.ToLowerInvariant();
        var lowerVersion = version.ToLowerInvariant();
        var url = new Uri(new Uri(baseAddress.ToString().TrimEnd('/') + "/"), $"{Uri.EscapeDataString(lowerId)}/{Uri.EscapeDataString(lowerVersion)}/{Uri.EscapeDataString(lowerId)}.{Uri.EscapeDataString(lowerVersion)}.nupkg");
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"skillrt-verify-{Guid.NewGuid():N}.nupkg"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new CliException(ExitCodes.NotFound, $"{source} has no {id} {version} to download ({url}); check the ID and version with 'skillrt search {id}'.");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new CliException(ExitCodes.FeedError, $"{source} answered {(int)response.StatusCode} {response.ReasonPhrase} for {url}; try again later.");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > MaxPackageBytes)
                {
                    throw new CliException(ExitCodes.FeedError, $"{url} is over {MaxPackageBytes >> 20} MiB, larger than any package a registry accepts; not verified.");
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            file.Position = 0;
            return (hash.GetHashAndReset(), file);
        }
        catch (HttpRequestException exception)
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw new CliException(ExitCodes.FeedError, $"cannot download {url}: {exception.Message}. Check the source ('skillrt sources list') and that the server is running.", exception.ToString(), exception);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static HttpClient CreateHttpClient()
    {
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        var version = typeof(VerifyCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("skillrt", version));
        return http;
    }

    /// <summary>The <c>--json</c> document: the package, its SHA-512, each check, and the outcome.</summary>
    private static void WriteJson(Utf8JsonWriter writer, RegistrySource source, string id, string version, byte[] sha512, PackageLogVerification verification, AuthorSignatureVerification author, List<LogCheck> checks, int exitCode)
    {
        writer.WriteStartObject();
        writer.WriteString("source", source.Name);
        writer.WriteString("id", id);
        writer.WriteString("version", version);
        writer.WriteString("sha512", Convert.ToBase64String(sha512));
        writer.WriteBoolean("verified", exitCode == ExitCodes.Success);
        writer.WriteBoolean("tamperDetected", verification.TamperDetected || author.Check.Status == LogCheckStatus.Failed);
        if (verification.LeafIndex is { } index)
        {
            writer.WriteNumber("leafIndex", index);
        }
        else
        {
            writer.WriteNull("leafIndex");
        }

        // The author's signature: state verified, unsigned, failed, unavailable or unsupported; the key and owner when known.
        writer.WriteStartObject("authorSignature");
        writer.WriteString("state", author.State);
        writer.WriteString("keyId", author.KeyId);
        writer.WriteString("loggedKeyId", verification.Entry?.AuthorKeyId);
        writer.WriteString("owner", author.Owner);
        writer.WriteEndObject();

        writer.WriteStartArray("checks");
        foreach (var check in checks)
        {
            writer.WriteStartObject();
            writer.WriteString("name", check.Name);
            writer.WriteString("status", check.Status.ToString().ToLowerInvariant());
            writer.WriteString("detail", check.Detail);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
