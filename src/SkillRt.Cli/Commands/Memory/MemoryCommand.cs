using System.CommandLine;

namespace SkillRt.Cli.Commands.Memory;

/// <summary>
/// <c>skillrt memory put|find|get|history|forget|restore|decay</c>: the shared memory of spec/MEMORY-SPEC.md
/// in a local SQLite file (<c>memory.db</c> in the store's folder, or <c>--database</c>). The commands parse
/// arguments and call SkillRt.Memory; each is in its own file.
/// </summary>
internal static class MemoryCommand
{
    public static Command Create() =>
        new("memory", "Write, find, read, forget and decay shared memories (typed by kinds that skills declare) in a local store.")
        {
            MemoryPutCommand.Create(),
            MemoryFindCommand.Create(),
            MemoryRecordCommands.Get(),
            MemoryRecordCommands.History(),
            MemoryRecordCommands.Forget(),
            MemoryRecordCommands.Restore(),
            MemoryDecayCommand.Create(),
        };
}
