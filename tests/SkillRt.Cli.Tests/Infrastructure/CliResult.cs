namespace SkillRt.Cli.Tests;

/// <summary>What one run of the <c>skill</c> process did; line endings are normalised to <c>\n</c>.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
