using System;
using SkillRt.Execution;

namespace SkillRt.Cli.Running;

/// <summary>
/// The time limit of <c>skillrt run</c>: <c>--timeout</c>, else <c>SKILLRT_TIMEOUT</c>, else the
/// runner's default (<see cref="SkillRunnerOptions.DefaultRunTimeout"/>). It covers the whole run,
/// and the model client's own network timeout is derived from it.
/// </summary>
internal static class RunTimeout
{
    /// <summary>The variable that sets the limit when <c>--timeout</c> is not given.</summary>
    public const string Variable = "SKILLRT_TIMEOUT";

    /// <summary>Reads the limit; a bad <c>--timeout</c> is a usage error, a bad variable a configuration error.</summary>
    /// <param name="option">The <c>--timeout</c> value, when given.</param>
    public static TimeSpan Read(string? option)
    {
        if (option is not null)
        {
            return DurationText.TryParse(option, out var timeout)
                ? timeout
                : throw new CliException(ExitCodes.UsageError, $"--timeout '{option}' is not a duration; write a number with s, m or h (such as --timeout 90s or --timeout 5m), up to 24h.");
        }

        var variable = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(variable))
        {
            return SkillRunnerOptions.DefaultRunTimeout;
        }

        return DurationText.TryParse(variable, out var configured)
            ? configured
            : throw new CliException(ExitCodes.NotConfigured, $"{Variable} is '{variable}', which is not a duration; set it to a number with s, m or h (such as 90s or 5m), up to 24h, or unset it for the default of {DurationText.Format(SkillRunnerOptions.DefaultRunTimeout)}.");
    }

    /// <summary>The limit as the messages write it, such as <c>2m</c>.</summary>
    public static string Format(TimeSpan timeout) => DurationText.Format(timeout);
}
