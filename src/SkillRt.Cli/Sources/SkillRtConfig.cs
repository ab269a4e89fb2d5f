using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Cli.Sources;

/// <summary>
/// skillrt's own user configuration (<see cref="ConfigLocation"/>): the registry sources and their
/// keys. The default source is the one the user configured, never a built-in public host: with none
/// configured, commands that need a source say how to add one. Changes go through
/// <see cref="UpdateAsync{T}"/>, which holds the folder's lock and writes each file atomically.
/// </summary>
internal sealed class SkillRtConfig
{
    private CredentialsFile? _credentials;

    private SkillRtConfig(string directory, SourcesFile sources)
    {
        Directory = directory;
        Sources = sources;
    }

    /// <summary>The configuration folder.</summary>
    public string Directory { get; }

    /// <summary>sources.json as read.</summary>
    public SourcesFile Sources { get; }

    /// <summary>Reads sources.json (credentials.json is read on first use: most commands need no key).</summary>
    public static SkillRtConfig Load()
    {
        var directory = ConfigLocation.Resolve();
        return new SkillRtConfig(directory, SourcesFile.Read(directory));
    }

    /// <summary>
    /// The source a command talks to: <paramref name="nameOrUrl"/> (<c>--source</c>: a configured
    /// source's name, or any registry URL), else the configured default.
    /// </summary>
    public RegistrySource Resolve(string? nameOrUrl)
    {
        if (!string.IsNullOrWhiteSpace(nameOrUrl))
        {
            if (Sources.Find(nameOrUrl) is { } named)
            {
                return named;
            }

            if (nameOrUrl.Contains("://", StringComparison.Ordinal))
            {
                var url = RegistrySource.NormalizeUrl(nameOrUrl, out var problem)
                    ?? throw new CliException(ExitCodes.UsageError, $"--source: {problem}.");
                return Sources.FindByUrl(url) ?? new RegistrySource(RegistrySource.SuggestName(url), url);
            }

            throw new CliException(
                ExitCodes.NotConfigured,
                $"there is no source '{nameOrUrl}' in '{Sources.Path}' ({Listed()}); add it with 'skillrt sources add {nameOrUrl} <url>', or pass the registry's URL to --source.");
        }

        if (Sources.Sources.Count == 0)
        {
            throw new CliException(
                ExitCodes.NotConfigured,
                "no registry source is configured; run 'skillrt login <url>' to add a server with your key (or 'skillrt sources add <name> <url>' to add one without), or pass --source <url>.");
        }

        if (Sources.DefaultName is null)
        {
            throw new CliException(
                ExitCodes.NotConfigured,
                $"no default source is set in '{Sources.Path}' ({Listed()}); choose one with 'skillrt sources default <name>', or pass --source <name>.");
        }

        return Sources.Find(Sources.DefaultName)
            ?? throw new CliException(
                ExitCodes.NotConfigured,
                $"'{Sources.Path}' names '{Sources.DefaultName}' as the default source, but has no source of that name ({Listed()}); choose one with 'skillrt sources default <name>', or pass --source <name>.");
    }

    /// <summary>The key stored for <paramref name="source"/>, or null.</summary>
    public string? KeyFor(RegistrySource source)
    {
        _credentials ??= CredentialsFile.Read(Directory);
        return _credentials.KeyFor(source);
    }

    /// <summary>
    /// The key for a command that needs one (keys, publish), or an error saying how to log in.
    /// </summary>
    public string RequireKey(RegistrySource source) =>
        KeyFor(source) ?? throw new CliException(
            ExitCodes.NotConfigured,
            $"no key is stored for {source}; run 'skillrt login {source.ApiRoot}' first.");

    /// <summary>
    /// Changes the configuration under the folder's lock: both files are read again (another command
    /// may have changed them since <see cref="Load"/>), changed by <paramref name="change"/>, and written
    /// atomically. Exceptions from <paramref name="change"/> leave both files as they were.
    /// </summary>
    public static async Task<T> UpdateAsync<T>(Func<SourcesFile, CredentialsFile, T> change, CancellationToken cancellationToken)
    {
        var directory = ConfigLocation.Resolve();
        using var configLock = await ConfigLock.AcquireAsync(directory, cancellationToken).ConfigureAwait(false);
        var sources = SourcesFile.Read(directory);
        var credentials = CredentialsFile.Read(directory);
        var result = change(sources, credentials);
        try
        {
            // Keys first: a source whose key is missing is usable (reads need none); the reverse would leave a key nobody finds.
            credentials.Write();
            sources.Write();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(
                ExitCodes.NotConfigured,
                $"cannot write skillrt's configuration in '{directory}': {exception.Message}; check the folder's permissions and free space.",
                exception.ToString(),
                exception);
        }

        return result;
    }

    private string Listed() =>
        Sources.Sources.Count == 0 ? "it lists no sources" : "it lists " + string.Join(", ", Sources.Sources.Select(source => source.Name));
}
