#if NET
using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Build.Framework;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;

namespace SkillRt.Build;

/// <summary>
/// Pushes a package that <c>dotnet pack</c> just made to a NuGet feed: a V3 server or a local folder,
/// named by URL, path or the name of a source in NuGet.config. The API key comes from the task, else
/// from NuGet.config's <c>apikeys</c>; it never appears in a message.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed at the end of Execute; MSBuild never disposes tasks.")]
public sealed class PushPackage : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>The .nupkg to push.</summary>
    [Required]
    public string PackagePath { get; set; } = string.Empty;

    /// <summary>The feed: a V3 service index URL, a folder, or a source name from NuGet.config.</summary>
    [Required]
    public string Source { get; set; } = string.Empty;

    /// <summary>The API key; when empty, the one NuGet.config holds for the feed, if any.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Where NuGet.config lookup starts: the project's folder.</summary>
    public string? ConfigDirectory { get; set; }

    /// <summary>How long the push may take, in seconds.</summary>
    public int TimeoutSeconds { get; set; } = 300;

    /// <inheritdoc />
    public void Cancel() => _cancellation.Cancel();

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            return ExecuteAsync(_cancellation.Token).GetAwaiter().GetResult();
        }
        finally
        {
            _cancellation.Dispose();
        }
    }

    private async Task<bool> ExecuteAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(PackagePath))
        {
            Log.LogError(null, SkillDiagnosticDescriptors.PublishFailed.Id, null, SkillDiagnosticDescriptors.PublishFailed.HelpLink, PackagePath, 0, 0, 0, 0, $"There is no package at '{PackagePath}' to publish; run `dotnet pack` first");
            return false;
        }

        var settings = Settings.LoadDefaultSettings(ConfigDirectory);
        var source = new PackageSourceProvider(settings).LoadPackageSources()
            .FirstOrDefault(s => string.Equals(s.Name, Source, StringComparison.OrdinalIgnoreCase) || string.Equals(s.Source, Source, StringComparison.OrdinalIgnoreCase))
            ?? new PackageSource(Source);
        var feed = source.Source;
        var apiKey = string.IsNullOrEmpty(ApiKey) ? SettingsUtility.GetDecryptedValueForAddItem(settings, ConfigurationConstants.ApiKeys, feed) : ApiKey;

        // Plain HTTP only where nothing travels: loopback, or a source NuGet.config marks as allowed.
        var insecureAllowed = source.AllowInsecureConnections || (Uri.TryCreate(feed, UriKind.Absolute, out var uri) && uri.IsLoopback);

        // NuGet quietly keeps the old file when a folder feed has the version; say so, as a server would.
        if (source.IsLocal && Directory.Exists(feed))
        {
            using var reader = new NuGet.Packaging.PackageArchiveReader(PackagePath);
            var identity = reader.GetIdentity();
            var fileName = identity.Id + "." + identity.Version.ToNormalizedString() + ".nupkg";
            if (Directory.EnumerateFiles(feed, "*.nupkg", SearchOption.AllDirectories).Any(f => string.Equals(Path.GetFileName(f), fileName, StringComparison.OrdinalIgnoreCase)))
            {
                Log.LogError(null, SkillDiagnosticDescriptors.PublishFailed.Id, null, SkillDiagnosticDescriptors.PublishFailed.HelpLink, PackagePath, 0, 0, 0, 0, $"The feed '{feed}' already has {Path.GetFileNameWithoutExtension(PackagePath)}; raise the package version and pack again");
                return false;
            }
        }

        try
        {
            var repository = Repository.Factory.GetCoreV3(source);
            var resource = await repository.GetResourceAsync<PackageUpdateResource>(cancellationToken).ConfigureAwait(false);
            if (resource is null)
            {
                Log.LogError(null, SkillDiagnosticDescriptors.PublishFailed.Id, null, SkillDiagnosticDescriptors.PublishFailed.HelpLink, PackagePath, 0, 0, 0, 0, $"The feed '{feed}' does not accept pushed packages (its service index has no PackagePublish resource); check the URL");
                return false;
            }

            await resource.Push(
                [PackagePath],
                symbolSource: null,
                timeoutInSecond: TimeoutSeconds,
                disableBuffering: false,
                getApiKey: _ => apiKey,
                getSymbolApiKey: _ => null,
                noServiceEndpoint: false,
                skipDuplicate: false,
                symbolPackageUpdateResource: null,
                allowInsecureConnections: insecureAllowed,
                log: new NuGetTaskLogger(Log)).ConfigureAwait(false);
            Log.LogMessage(MessageImportance.High, $"Published {Path.GetFileName(PackagePath)} to {feed}");
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.LogError(null, SkillDiagnosticDescriptors.PublishFailed.Id, null, SkillDiagnosticDescriptors.PublishFailed.HelpLink, PackagePath, 0, 0, 0, 0, Describe(exception, feed, apiKey));
            return false;
        }
    }

    /// <summary>One clear line per failure, naming the feed; the key is scrubbed from anything a server said.</summary>
    private string Describe(Exception exception, string feed, string? apiKey)
    {
        var package = Path.GetFileNameWithoutExtension(PackagePath);
        var details = string.Join(" ", Flatten(exception).Select(e => e.Message).Distinct());
        if (!string.IsNullOrEmpty(apiKey))
        {
            details = details.Replace(apiKey, "***", StringComparison.Ordinal);
        }

        // The status comes from the exception when NuGet kept it, else from NuGet's own wording
        // ("... 401 (Unauthorized)"). A bare "401" is not enough: it is also in "127.0.0.1:40123".
        var status = Flatten(exception).OfType<HttpRequestException>().Select(e => e.StatusCode).FirstOrDefault(s => s is not null)
            ?? StatusInText(details);
        if (status == HttpStatusCode.Conflict || details.Contains("already exists", StringComparison.OrdinalIgnoreCase))
        {
            return $"The feed '{feed}' already has {package}; raise the package version and pack again";
        }

        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return $"The feed '{feed}' refused {package}: not authorized. Pass the API key with -p:SkillPublishApiKey=…, or add it to NuGet.config's apikeys";
        }

        if (Flatten(exception).Any(e => e is HttpRequestException or System.Net.Sockets.SocketException or TaskCanceledException) || details.Contains("Unable to load the service index", StringComparison.Ordinal))
        {
            return $"SkillRt could not reach the feed '{feed}' to publish {package}: {details} Check the URL and the network";
        }

        return $"Publishing {package} to '{feed}' failed: {details}";
    }

    private static HttpStatusCode? StatusInText(string details)
    {
        var match = StatusPattern.Match(details);
        return match.Success ? (HttpStatusCode)int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static readonly System.Text.RegularExpressions.Regex StatusPattern = new(
        @"\b(401|403|409) \(",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static System.Collections.Generic.IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
#endif
