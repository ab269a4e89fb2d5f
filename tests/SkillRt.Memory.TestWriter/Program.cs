using System;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using SkillRt.Memory;

// Writes until killed. After each committed write it prints "committed <n> <key> <version>" and flushes,
// so the test knows which writes the store must still hold after the kill. Every write supersedes a
// keyed memory (history, tags, full text and the row change in one transaction) or creates one, with a
// value large enough that the transaction spans many database pages.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: SkillRt.Memory.TestWriter <database> <writer-id>");
    return 2;
}

var services = new ServiceCollection();
services.AddSkillMemory(options => options.DatabasePath = args[0])
    .AddKind("note", """{ "type": "object", "properties": { "n": { "type": "integer" }, "body": { "type": "string" } }, "required": ["n", "body"] }""");
using var provider = services.BuildServiceProvider();
var memory = provider.GetRequiredService<ISkillMemory>();
var padding = new string('x', 20_000);
for (var n = 0; ; n++)
{
    var key = $"{args[1]}-{n % 16}";
    var value = JsonSerializer.SerializeToElement(new { n, body = $"writer {args[1]} write {n} {padding}" });
    var result = await memory.UpsertAsync(new MemoryWrite
    {
        Namespace = "crash/test",
        Kind = "note",
        Key = key,
        Value = value,
        Tags = [$"w{n % 5}", "crash"],
    });
    Console.Out.WriteLine($"committed {n} {key} {result.Memory!.Version}");
    await Console.Out.FlushAsync();
}
