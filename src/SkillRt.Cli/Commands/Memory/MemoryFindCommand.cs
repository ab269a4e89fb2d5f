using System.CommandLine;
using System.Threading.Tasks;
using SkillRt.Cli.Output;
#if !SKILL_NATIVE_FRONT
using SkillRt.Memory;
#endif

namespace SkillRt.Cli.Commands.Memory;

/// <summary>
/// <c>skillrt memory find &lt;namespace&gt; [--kind K] [--key K] [--tag T]… [--text words] [--limit N] [--cursor C] [--archived]</c>:
/// memories that match every criterion, best first, a page at a time.
/// </summary>
internal static class MemoryFindCommand
{
    public static Command Create()
    {
        var ns = new Argument<string>("namespace") { Description = "Where to look: acme/payments, or acme/* for every namespace below acme." };
        var kind = new Option<string?>("--kind") { Description = "Only memories of this kind." };
        var key = new Option<string?>("--key") { Description = "Only the memory with this key." };
        var tags = new Option<string[]>("--tag") { Description = "Only memories with this tag (repeatable: all of them)." };
        var text = new Option<string?>("--text") { Description = "Words the memories contain (full-text search)." };
        var limit = new Option<int?>("--limit") { Description = "At most this many (the store's page size when left out)." };
        var cursor = new Option<string?>("--cursor") { Description = "The cursor a previous page printed, for the next page." };
        var archived = new Option<bool>("--archived") { Description = "Include archived memories." };
        var options = new MemoryOptions();
        var format = new JsonFormat();
        var command = new Command("find", "Find memories by kind, key, tags or words, best first.") { ns, kind, key, tags, text, limit, cursor, archived };
        options.AddTo(command);
        format.AddTo(command);
#if SKILL_NATIVE_FRONT
        command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var query = new MemoryQuery
            {
                Namespaces = [parseResult.GetValue(ns)!],
                Kinds = parseResult.GetValue(kind) is { } k ? [k] : null,
                Key = parseResult.GetValue(key),
                Tags = parseResult.GetValue(tags) is { Length: > 0 } given ? given : null,
                Text = parseResult.GetValue(text),
                PageSize = parseResult.GetValue(limit),
                Cursor = parseResult.GetValue(cursor),
                IncludeArchived = parseResult.GetValue(archived),
            };
            await using var session = await MemorySession.OpenAsync(options.Read(parseResult), cancellationToken).ConfigureAwait(false);
            var page = await session.CallAsync(memory => memory.FindAsync(query, cancellationToken)).ConfigureAwait(false);

            var output = parseResult.InvocationConfiguration.Output;
            if (format.IsJson(parseResult))
            {
                await JsonOutput.WriteAsync(output, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteStartArray("memories");
                    foreach (var hit in page.Hits)
                    {
                        MemoryOutput.WriteJson(writer, hit.Memory);
                    }

                    writer.WriteEndArray();
                    writer.WriteString("nextCursor", page.NextCursor);
                    writer.WriteEndObject();
                }).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (page.Hits.Count == 0)
            {
                await output.WriteLineAsync("No memories match.").ConfigureAwait(false);
            }

            foreach (var hit in page.Hits)
            {
                await MemoryOutput.WriteTextAsync(output, hit.Memory).ConfigureAwait(false);
            }

            if (page.NextCursor is { } next)
            {
                await output.WriteLineAsync($"More: add --cursor {next}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
#endif
        return command;
    }
}
