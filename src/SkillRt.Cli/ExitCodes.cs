namespace SkillRt.Cli;

/// <summary>
/// The documented exit codes of the <c>skill</c> command (docs/cli.md lists them too). Scripts and CI
/// may rely on them: a code keeps its meaning forever.
/// </summary>
internal static class ExitCodes
{
    /// <summary>Everything worked; warnings may have been printed.</summary>
    public const int Success = 0;

    /// <summary>A skill has errors: <c>validate</c> found some, or <c>install</c>, <c>run</c> or <c>export</c> refused an invalid skill.</summary>
    public const int InvalidSkill = 1;

    /// <summary>The command line was wrong: an unknown option, bad JSON inputs, a path that does not exist.</summary>
    public const int UsageError = 2;

    /// <summary>The skill, version or package asked for is not installed or not on any feed.</summary>
    public const int NotFound = 3;

    /// <summary>The skill ran and failed: a missing dependency, a model or process error, an output that stayed invalid.</summary>
    public const int RunFailed = 4;

    /// <summary>Something the command needs is not configured, such as the model for <c>skillrt run</c>.</summary>
    public const int NotConfigured = 5;

    /// <summary>The skill store could not be read or written: permissions, a full disk, a lock held too long.</summary>
    public const int StoreError = 6;

    /// <summary>A NuGet feed could not be reached or refused the request (authentication, a bad NuGet.config).</summary>
    public const int FeedError = 7;

    /// <summary><c>skillrt verify</c> found evidence of tampering: a changed package, log entry, log key or log history.</summary>
    public const int VerificationFailed = 8;

    /// <summary><c>scan</c> found a security problem at or above <c>--fail-on</c> (high by default).</summary>
    public const int SecurityFindings = 9;

    /// <summary><c>skillrt eval</c> ran the skill's evals and at least one case did not reach its pass rate.</summary>
    public const int EvalsFailed = 10;

    /// <summary>A bug in the <c>skill</c> command itself; <c>--verbose</c> prints the stack trace.</summary>
    public const int InternalError = 70;
}
