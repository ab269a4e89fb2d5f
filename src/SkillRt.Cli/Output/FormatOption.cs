using System.CommandLine;

namespace SkillRt.Cli.Output;

/// <summary>The <c>--format text|json</c> option shared by the commands that print results.</summary>
internal static class FormatOption
{
    public static Option<string> Create() => Create("How to print results: 'text' for people or 'json' for scripts.");

    /// <summary>The option with a command's own description and the formats it adds to <c>text</c> and <c>json</c>.</summary>
    public static Option<string> Create(string description, params string[] moreFormats)
    {
        var format = new Option<string>("--format")
        {
            Description = description,
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(["text", "json", .. moreFormats]);
        return format;
    }

    public static bool IsJson(ParseResult parseResult, Option<string> format) => parseResult.GetValue(format) == "json";
}
