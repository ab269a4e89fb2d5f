using System;
using System.IO;
using System.Linq;
using NuGet.Configuration;
using SkillRt.Cli.Sources;

namespace SkillRt.Cli.Publishing;

/// <summary>
/// Where <c>skillrt publish</c> pushes: a NuGet V3 server (its service index URL) or a local folder
/// feed, found from <c>--source</c> as a URL, a folder, the name of a skillrt source (<c>skillrt
/// login</c>) or of a source in NuGet.config; without <c>--source</c>, skillrt's default source, else
/// NuGet.config's <c>defaultPushSource</c>, as <c>dotnet nuget push</c> does.
/// </summary>
/// <param name="Location">The service index URL, or the folder's full path.</param>
/// <param name="IsFolder">Whether it is a folder feed, which takes no API key.</param>
/// <param name="AllowInsecureConnections">Whether plain HTTP is allowed for it: loopback, or a NuGet.config source marked so.</param>
/// <param name="Settings">The NuGet settings read, for the API key NuGet.config may hold for it.</param>
/// <param name="Registry">The skillrt source it is, whose stored key (<c>skillrt login</c>) a push may use.</param>
internal sealed record PublishTarget(string Location, bool IsFolder, bool AllowInsecureConnections, ISettings Settings, RegistrySource? Registry = null)
{
    public static PublishTarget Resolve(string? source, string workingDirectory) => Resolve(source, workingDirectory, SkillRtConfig.Load());

    public static PublishTarget Resolve(string? source, string workingDirectory, SkillRtConfig config)
    {
        ISettings settings;
        try
        {
            settings = NuGet.Configuration.Settings.LoadDefaultSettings(workingDirectory);
        }
        catch (NuGetConfigurationException exception)
        {
            throw new CliException(ExitCodes.FeedError, $"cannot read NuGet.config: {exception.Message}; fix or remove the file it names.", exception.ToString(), exception);
        }

        // skillrt's own sources first: the registry the user logged in to is where they publish.
        var registry = string.IsNullOrWhiteSpace(source)
            ? (config.Sources.DefaultName is { } defaultName ? config.Sources.Find(defaultName) : null)
            : config.Sources.Find(source) ?? config.Sources.FindByUrl(source);
        if (registry is not null)
        {
            var registryUrl = new Uri(registry.Url);
            return new PublishTarget(registry.Url, IsFolder: false, registryUrl.IsLoopback, settings, registry);
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            source = SettingsUtility.GetDefaultPushSource(settings);
            if (string.IsNullOrWhiteSpace(source))
            {
                throw new CliException(
                    ExitCodes.UsageError,
                    "no source to publish to: run 'skillrt login <url>' to make a registry your default source, pass --source with the registry's service index URL (https://host/v3/index.json) or a source name, or set defaultPushSource in NuGet.config.");
            }
        }

        if (Uri.TryCreate(source, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            var named = Sources(settings).FirstOrDefault(s => string.Equals(s.Source, source, StringComparison.OrdinalIgnoreCase));
            return new PublishTarget(source, IsFolder: false, url.IsLoopback || named?.AllowInsecureConnections == true, settings);
        }

        var configured = Sources(settings).FirstOrDefault(s => string.Equals(s.Name, source, StringComparison.OrdinalIgnoreCase));
        if (configured is not null)
        {
            if (configured.IsHttp)
            {
                var isLoopback = Uri.TryCreate(configured.Source, UriKind.Absolute, out var configuredUrl) && configuredUrl.IsLoopback;
                return new PublishTarget(configured.Source, IsFolder: false, isLoopback || configured.AllowInsecureConnections, settings);
            }

            return Folder(configured.Source, $"the NuGet.config source '{configured.Name}'");
        }

        if (Directory.Exists(source) || source.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || source.Contains('/', StringComparison.Ordinal) || source.StartsWith('.'))
        {
            return Folder(source, $"'{source}'");
        }

        var names = Sources(settings).Select(s => s.Name).ToList();
        throw new CliException(
            ExitCodes.UsageError,
            $"'{source}' is not a URL, a folder, or the name of a source in NuGet.config ({(names.Count == 0 ? "it lists none" : "it lists " + string.Join(", ", names))}); pass the registry's service index URL, such as https://host/v3/index.json.");

        PublishTarget Folder(string path, string described)
        {
            var full = Path.GetFullPath(path, workingDirectory);
            if (!Directory.Exists(full))
            {
                throw new CliException(ExitCodes.UsageError, $"the folder feed {described} ('{full}') does not exist; create it, or pass the registry's service index URL.");
            }

            return new PublishTarget(full, IsFolder: true, AllowInsecureConnections: false, settings);
        }
    }

    private static System.Collections.Generic.IEnumerable<PackageSource> Sources(ISettings settings) =>
        new PackageSourceProvider(settings).LoadPackageSources();
}
