using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Output;
using SkillRt.Cli.Store;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt list</c>: every installed version, sorted by name then version. A damaged entry is listed
/// as damaged, with what is wrong, and also named on stderr; it never stops the listing.
/// </summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var format = FormatOption.Create();
        var command = new Command("list", "List the installed skills: name, version and description.") { format };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            FormatOption.IsJson(parseResult, format),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var store = SkillStore.Open();
        var entries = Read(store, cancellationToken);
        if (json)
        {
            await JsonOutput.WriteAsync(output, writer => WriteJson(writer, store, entries)).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        if (entries.Count == 0)
        {
            await output.WriteLineAsync($"No skills are installed in '{store.SkillsDirectory}'. Install one with 'skillrt install <path|package.nupkg|name@range>'.").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var table = new TextTable("NAME", "VERSION", "DESCRIPTION");
        foreach (var entry in entries)
        {
            table.Add(entry.Name, entry.VersionText, entry.IsSound ? TextTable.OneLine(entry.Description) : "(damaged) " + entry.Problem);
        }

        // Descriptions may run to 1024 characters: the table fits the terminal (or 80 columns), and --format json has them whole.
        await table.WriteAsync(output, OutputWidth.For(output)).ConfigureAwait(false);
        foreach (var entry in entries.Where(entry => !entry.IsSound))
        {
            await error.WriteLineAsync($"skillrt: warning: damaged entry '{entry.Directory}': {entry.Problem}").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static System.Collections.Generic.IReadOnlyList<StoreEntry> Read(SkillStore store, CancellationToken cancellationToken)
    {
        try
        {
            return store.List(cancellationToken);
        }
        catch (System.Exception exception) when (exception is IOException or System.UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.StoreError, $"cannot read the skill store '{store.SkillsDirectory}': {exception.Message}; check its permissions.", exception.ToString(), exception);
        }
    }

    private static void WriteJson(Utf8JsonWriter writer, SkillStore store, System.Collections.Generic.IReadOnlyList<StoreEntry> entries)
    {
        writer.WriteStartObject();
        writer.WriteString("store", store.SkillsDirectory);
        writer.WriteStartArray("skills");
        foreach (var entry in entries)
        {
            writer.WriteStartObject();
            writer.WriteString("name", entry.Name);
            writer.WriteString("version", entry.VersionText);
            writer.WriteString("description", entry.Description);
            writer.WriteString("path", entry.Directory);
            writer.WriteBoolean("damaged", !entry.IsSound);
            if (entry.Problem is not null)
            {
                writer.WriteString("problem", entry.Problem);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
