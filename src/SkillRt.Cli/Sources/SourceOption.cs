using System.CommandLine;

namespace SkillRt.Cli.Sources;

/// <summary>The <c>--source</c> option of the commands that talk to a registry.</summary>
internal static class SourceOption
{
    public static Option<string?> Create() => new("--source", "-s")
    {
        Description = "The registry: a configured source's name or a server URL. By default, the default source ('skillrt sources list' shows it).",
        HelpName = "name|url",
    };
}
