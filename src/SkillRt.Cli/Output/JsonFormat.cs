using System.CommandLine;

namespace SkillRt.Cli.Output;

/// <summary>
/// The output switches of the registry commands: <c>--format text|json</c>, as on every other command,
/// and <c>--json</c>, the shorthand the registry commands document (issue 17 names it).
/// </summary>
internal sealed class JsonFormat
{
    private readonly Option<string> _format = FormatOption.Create();
    private readonly Option<bool> _json = new("--json") { Description = "Print results as JSON for scripts (the same as --format json)." };

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_format);
        command.Options.Add(_json);
    }

    /// <summary>Whether JSON was asked for, either way.</summary>
    public bool IsJson(ParseResult parseResult) => parseResult.GetValue(_json) || FormatOption.IsJson(parseResult, _format);
}
