using System;
using System.CommandLine;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Output;
using SkillRt.Memory;

namespace SkillRt.Cli.Commands.Memory;

/// <summary>
/// The commands that address one memory by namespace and id: <c>get</c>, <c>history</c>, <c>forget</c> and
/// <c>restore</c>. A memory not in that namespace is not found (exit code 3).
/// </summary>
internal static class MemoryRecordCommands
{
    public static Command Get() => Create("get", "Print one memory.", static async (memory, ns, id, ct) =>
        await memory.GetAsync(ns, id, ct).ConfigureAwait(false) is { } record ? [record] : null);

    public static Command History() => Create("history", "Print every revision of one memory, newest first, with when each was valid.", static async (memory, ns, id, ct) =>
        await memory.HistoryAsync(ns, id, ct).ConfigureAwait(false) is { Count: > 0 } revisions ? revisions : null);

    public static Command Forget() => Create("forget", "Delete one memory and its history for good (decay archives instead).", static async (memory, ns, id, ct) =>
        await memory.ForgetAsync(ns, id, ct).ConfigureAwait(false) ? [] : null);

    public static Command Restore() => Create("restore", "Bring an archived memory back.", static async (memory, ns, id, ct) =>
        [await memory.RestoreAsync(ns, id, ct).ConfigureAwait(false)]);

    private static Command Create(string name, string description, Func<ISkillMemory, string, string, CancellationToken, Task<System.Collections.Generic.IReadOnlyList<MemoryRecord>?>> action)
    {
        var ns = new Argument<string>("namespace") { Description = "The memory's namespace." };
        var id = new Argument<string>("id") { Description = "The memory's id." };
        var options = new MemoryOptions();
        var format = new JsonFormat();
        var command = new Command(name, description) { ns, id };
        options.AddTo(command);
        format.AddTo(command);
#if SKILL_NATIVE_FRONT
        command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var memoryNamespace = parseResult.GetValue(ns)!;
            var memoryId = parseResult.GetValue(id)!;
            await using var session = await MemorySession.OpenAsync(options.Read(parseResult), cancellationToken).ConfigureAwait(false);
            var records = await session.CallAsync(memory => action(memory, memoryNamespace, memoryId, cancellationToken)).ConfigureAwait(false);

            if (records is null)
            {
                throw new CliException(ExitCodes.NotFound, $"no memory '{memoryId}' in '{memoryNamespace}' (in {session.Path}); 'skillrt memory find {memoryNamespace}' lists what is there.");
            }

            var output = parseResult.InvocationConfiguration.Output;
            if (format.IsJson(parseResult))
            {
                await JsonOutput.WriteAsync(output, writer =>
                {
                    if (name == "get" || name == "restore")
                    {
                        MemoryOutput.WriteJson(writer, records[0]);
                        return;
                    }

                    writer.WriteStartObject();
                    writer.WriteString("id", memoryId);
                    writer.WriteString("namespace", memoryNamespace);
                    if (name == "forget")
                    {
                        writer.WriteBoolean("forgotten", true);
                    }
                    else
                    {
                        writer.WriteStartArray("revisions");
                        foreach (var record in records)
                        {
                            MemoryOutput.WriteJson(writer, record);
                        }

                        writer.WriteEndArray();
                    }

                    writer.WriteEndObject();
                }).ConfigureAwait(false);
            }
            else if (name == "forget")
            {
                await output.WriteLineAsync($"Forgot {memoryId} in {memoryNamespace}, with its history.").ConfigureAwait(false);
            }
            else
            {
                foreach (var record in records)
                {
                    await MemoryOutput.WriteTextAsync(output, record).ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        });
#endif
        return command;
    }
}
