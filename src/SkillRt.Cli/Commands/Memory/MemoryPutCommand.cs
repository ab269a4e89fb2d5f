using System.CommandLine;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Output;
#if !SKILL_NATIVE_FRONT
using SkillRt.Memory;
#endif

namespace SkillRt.Cli.Commands.Memory;

/// <summary>
/// <c>skillrt memory put &lt;namespace&gt; &lt;kind&gt; --value JSON [--key K] [--tag T]… [--text T] [--expected-version N]</c>:
/// writes a memory. A key makes it deterministic (the memory with that key is updated, its old value kept as history).
/// </summary>
internal static class MemoryPutCommand
{
    public static Command Create()
    {
        var ns = new Argument<string>("namespace") { Description = "Where to write, such as acme/payments." };
        var kind = new Argument<string>("kind") { Description = "The memory's kind, declared by an installed skill (or --kinds-from)." };
        var value = new Option<string>("--value") { Description = "The value as JSON, or @file to read it from a file.", Required = true };
        var key = new Option<string?>("--key") { Description = "A stable key: writing it again updates that memory instead of adding one." };
        var tags = new Option<string[]>("--tag") { Description = "A tag (repeatable)." };
        var text = new Option<string?>("--text") { Description = "The memory in words, for search; derived from the value when left out." };
        var expected = new Option<long?>("--expected-version") { Description = "Write only if the memory is at this version (0: only if it does not exist yet)." };
        var options = new MemoryOptions();
        var format = new JsonFormat();
        var command = new Command("put", "Write a memory; with --key, update the one with that key (keeping its history).") { ns, kind, value, key, tags, text, expected };
        options.AddTo(command);
        format.AddTo(command);
#if SKILL_NATIVE_FRONT
        command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var write = new MemoryWrite
            {
                Namespace = parseResult.GetValue(ns)!,
                Kind = parseResult.GetValue(kind)!,
                Value = await ReadValueAsync(parseResult.GetValue(value)!, cancellationToken).ConfigureAwait(false),
                Key = parseResult.GetValue(key),
                Tags = parseResult.GetValue(tags) is { Length: > 0 } given ? given : null,
                Text = parseResult.GetValue(text),
                ExpectedVersion = parseResult.GetValue(expected),
                Provenance = new MemoryProvenance { Client = "skillrt-cli" },
            };
            await using var session = await MemorySession.OpenAsync(options.Read(parseResult), cancellationToken).ConfigureAwait(false);
            var result = await session.CallAsync(memory => memory.UpsertAsync(write, cancellationToken)).ConfigureAwait(false);

            var output = parseResult.InvocationConfiguration.Output;
            if (format.IsJson(parseResult))
            {
                await JsonOutput.WriteAsync(output, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("outcome", result.Outcome.ToString());
                    writer.WritePropertyName("memory");
                    if (result.Memory is { } stored)
                    {
                        MemoryOutput.WriteJson(writer, stored);
                    }
                    else
                    {
                        writer.WriteNullValue();
                    }

                    writer.WriteStartArray("duplicates");
                    foreach (var duplicate in result.Duplicates)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("id", duplicate.Id);
                        writer.WriteString("key", duplicate.Key);
                        writer.WriteNumber("similarity", duplicate.Similarity);
                        writer.WriteString("method", duplicate.Method.ToString().ToLowerInvariant());
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync($"{result.Outcome}: {result.Memory?.Id ?? "nothing stored"}{(result.Memory is { } m ? $" (version {m.Version})" : string.Empty)}").ConfigureAwait(false);
                foreach (var duplicate in result.Duplicates)
                {
                    await output.WriteLineAsync($"  near duplicate {duplicate.Id} ({duplicate.Similarity:0.00}, {duplicate.Method.ToString().ToLowerInvariant()})").ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        });
#endif
        return command;
    }

#if !SKILL_NATIVE_FRONT
    private static async Task<JsonElement> ReadValueAsync(string value, CancellationToken cancellationToken)
    {
        var text = value;
        if (value.StartsWith('@'))
        {
            var path = value[1..];
            try
            {
                text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (System.Exception exception) when (exception is IOException or System.UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.NotFound, $"--value {value}: cannot read '{path}': {exception.Message}");
            }
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new CliException(ExitCodes.UsageError, $"--value is not JSON ({exception.Message}); quote it for the shell, such as --value '{{\"summary\": \"…\"}}'.");
        }
    }
#endif
}
