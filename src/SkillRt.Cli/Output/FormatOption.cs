using System.CommandLine;

namespace SkillRt.Cli.Output;

/// <summary>The <c>--format text|json</c> option shared by the commands that print results.</summary>
internal static class FormatOption
{
    public static Option<string> Create()
    {
        var format = new Option<string>("--format")
        {
            Description = "How to print results: 'text' for people or 'json' for scripts.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        return format;
    }

    public static bool IsJson(ParseResult parseResult, Option<string> format) => parseResult.GetValue(format) == "json";
}
