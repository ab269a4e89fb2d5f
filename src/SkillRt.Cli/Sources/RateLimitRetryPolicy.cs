using System;
using System.Globalization;

namespace SkillRt.Cli.Sources;

/// <summary>
/// How long the CLI keeps trying a registry that answers 429: at most <see cref="MaxAttempts"/> requests
/// and <see cref="MaxTotalWait"/> of waiting in all, from <c>SKILLRT_HTTP_MAX_ATTEMPTS</c> (5 by default;
/// 1 turns retrying off) and <c>SKILLRT_HTTP_MAX_RETRY_WAIT</c> (seconds, 60 by default). A server that
/// asks for a longer wait than is left gets its 429 reported at once, not waited out.
/// </summary>
internal sealed record RateLimitRetryPolicy(int MaxAttempts, TimeSpan MaxTotalWait)
{
    /// <summary>The variable that bounds the number of attempts.</summary>
    public const string MaxAttemptsVariable = "SKILLRT_HTTP_MAX_ATTEMPTS";

    /// <summary>The variable that bounds the total wait, in seconds.</summary>
    public const string MaxWaitVariable = "SKILLRT_HTTP_MAX_RETRY_WAIT";

    /// <summary>Reads the bounds from the environment; a value that is not a whole number in range is an error naming the variable.</summary>
    public static RateLimitRetryPolicy FromEnvironment() =>
        new(Read(MaxAttemptsVariable, 5, 1, 100), TimeSpan.FromSeconds(Read(MaxWaitVariable, 60, 0, 86_400)));

    private static int Read(string variable, int fallback, int min, int max)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new CliException(ExitCodes.UsageError, $"the environment variable {variable} is '{text}'; it must be a whole number from {min} to {max} (unset, it is {fallback}).");
        }

        return value;
    }
}
