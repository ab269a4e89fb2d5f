using System.CommandLine;

namespace SkillRt.Cli.Commands.Memory;

/// <summary>The options every memory command has: where the store is, and which skills' kinds it knows.</summary>
internal sealed class MemoryOptions
{
    public Option<string?> Database { get; } = new("--database")
    {
        Description = "The memory file; default memory.db in the skill store's folder (SKILLRT_HOME).",
    };

    public Option<string[]> KindsFrom { get; } = new("--kinds-from")
    {
        Description = "A SKILL.md, or a folder of skills, whose memory kinds to use besides those of the installed skills (repeatable).",
        AllowMultipleArgumentsPerToken = false,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Database);
        command.Options.Add(KindsFrom);
    }

#if !SKILL_NATIVE_FRONT
    public MemorySession.Settings Read(ParseResult parseResult) =>
        new(parseResult.GetValue(Database), parseResult.GetValue(KindsFrom) ?? []);
#endif
}
