using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Output;
using SkillRt.Cli.Sources;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt sources [list|add|remove|default]</c>: the registry sources in sources.json, as
/// <c>dotnet nuget … source</c> manages NuGet's. Bare <c>skillrt sources</c> lists them. Keys are
/// added by <c>skillrt login</c>, never here, so nothing on this command line is a secret.
/// </summary>
internal static class SourcesCommand
{
    public static Command Create()
    {
        var listFormat = new JsonFormat();
        var list = new Command("list", "List the registry sources, which is the default, and which have a key.");
        listFormat.AddTo(list);
        list.SetAction((parseResult, _) => ListAsync(listFormat.IsJson(parseResult), parseResult.InvocationConfiguration.Output));

        var addName = new Argument<string>("name") { Description = "A name for the source (letters, digits, '.', '_', '-')." };
        var addUrl = new Argument<string>("url") { Description = "The server's address or its service index URL (…/v3/index.json)." };
        var add = new Command("add", "Add a registry source (the first one added becomes the default).") { addName, addUrl };
        add.SetAction((parseResult, cancellationToken) => AddAsync(parseResult.GetValue(addName)!, parseResult.GetValue(addUrl)!, parseResult.InvocationConfiguration.Output, cancellationToken));

        var removeName = new Argument<string>("name") { Description = "The source's name." };
        var remove = new Command("remove", "Remove a registry source and its stored key.") { removeName };
        remove.SetAction((parseResult, cancellationToken) => RemoveAsync(parseResult.GetValue(removeName)!, parseResult.InvocationConfiguration.Output, cancellationToken));

        var defaultName = new Argument<string>("name") { Description = "The source's name." };
        var setDefault = new Command("default", "Make a source the default for search, publish, keys and other registry commands.") { defaultName };
        setDefault.SetAction((parseResult, cancellationToken) => SetDefaultAsync(parseResult.GetValue(defaultName)!, parseResult.InvocationConfiguration.Output, cancellationToken));

        var bareFormat = new JsonFormat();
        var command = new Command("sources", "List and manage the registry sources (servers) skillrt searches, installs from and publishes to.")
        {
            list,
            add,
            remove,
            setDefault,
        };
        bareFormat.AddTo(command);
        command.SetAction((parseResult, _) => ListAsync(bareFormat.IsJson(parseResult), parseResult.InvocationConfiguration.Output));
        return command;
    }

    private static async Task<int> ListAsync(bool json, TextWriter output)
    {
        var config = SkillRtConfig.Load();
        var sources = config.Sources;
        if (json)
        {
            await JsonOutput.WriteAsync(output, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("configFile", sources.Path);
                if (sources.DefaultName is null)
                {
                    writer.WriteNull("defaultSource");
                }
                else
                {
                    writer.WriteString("defaultSource", sources.DefaultName);
                }

                writer.WriteStartArray("sources");
                foreach (var source in sources.Sources)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", source.Name);
                    writer.WriteString("url", source.Url);
                    writer.WriteBoolean("default", IsDefault(sources, source));
                    writer.WriteBoolean("hasKey", config.KeyFor(source) is not null);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        if (sources.Sources.Count == 0)
        {
            await output.WriteLineAsync($"No registry sources are configured ('{sources.Path}' does not list any). Add one with 'skillrt login <url>', or 'skillrt sources add <name> <url>' for a server you only read from.").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var table = new TextTable("NAME", "DEFAULT", "KEY", "URL");
        foreach (var source in sources.Sources)
        {
            table.Add(source.Name, IsDefault(sources, source) ? "yes" : "", config.KeyFor(source) is null ? "no" : "yes", source.Url);
        }

        // URLs are never cut: a cut URL cannot be copied.
        await table.WriteAsync(output).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task<int> AddAsync(string name, string urlText, TextWriter output, CancellationToken cancellationToken)
    {
        if (RegistrySource.NameProblem(name) is { } nameProblem)
        {
            throw new CliException(ExitCodes.UsageError, $"{nameProblem}.");
        }

        var url = RegistrySource.NormalizeUrl(urlText, out var urlProblem) ?? throw new CliException(ExitCodes.UsageError, urlProblem + ".");
        var madeDefault = await SkillRtConfig.UpdateAsync((sources, _) =>
        {
            if (sources.Find(name) is { } named)
            {
                throw new CliException(ExitCodes.UsageError, $"a source named '{named.Name}' already exists ({named.Url}); choose another name, or remove it first with 'skillrt sources remove {named.Name}'.");
            }

            if (sources.FindByUrl(url) is { } same)
            {
                throw new CliException(ExitCodes.UsageError, $"{url} is already the source '{same.Name}'.");
            }

            sources.Sources.Add(new RegistrySource(name, url));
            if (sources.Sources.Count == 1)
            {
                sources.DefaultName = name;
                return true;
            }

            return false;
        }, cancellationToken).ConfigureAwait(false);

        await output.WriteLineAsync($"Added the source '{name}' ({url}){(madeDefault ? "; it is the default source" : "")}.").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task<int> RemoveAsync(string name, TextWriter output, CancellationToken cancellationToken)
    {
        var (removed, wasDefault, remaining) = await SkillRtConfig.UpdateAsync((sources, credentials) =>
        {
            var source = sources.Find(name) ?? throw NoSuchSource(sources, name);
            sources.Sources.Remove(source);
            credentials.Remove(source);
            var wasDefault = string.Equals(sources.DefaultName, source.Name, StringComparison.OrdinalIgnoreCase);
            if (wasDefault)
            {
                // Never pick another default silently: the default decides where publish sends packages.
                sources.DefaultName = null;
            }

            return (source, wasDefault, sources.Sources.Count);
        }, cancellationToken).ConfigureAwait(false);

        await output.WriteLineAsync($"Removed the source {removed} and its key, if one was stored.").ConfigureAwait(false);
        if (wasDefault && remaining > 0)
        {
            await output.WriteLineAsync("It was the default source; choose another with 'skillrt sources default <name>'.").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static async Task<int> SetDefaultAsync(string name, TextWriter output, CancellationToken cancellationToken)
    {
        var source = await SkillRtConfig.UpdateAsync((sources, _) =>
        {
            var source = sources.Find(name) ?? throw NoSuchSource(sources, name);
            sources.DefaultName = source.Name;
            return source;
        }, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"{source} is the default source.").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static bool IsDefault(SourcesFile sources, RegistrySource source) =>
        string.Equals(sources.DefaultName, source.Name, StringComparison.OrdinalIgnoreCase);

    private static CliException NoSuchSource(SourcesFile sources, string name) =>
        new(ExitCodes.NotFound, $"there is no source '{name}' in '{sources.Path}'{(sources.Sources.Count == 0 ? "" : " (it lists " + string.Join(", ", sources.Sources.ConvertAll(s => s.Name)) + ")")}; 'skillrt sources list' shows them.");
}
