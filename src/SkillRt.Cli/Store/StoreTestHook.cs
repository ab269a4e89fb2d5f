using System;
using System.Globalization;

namespace SkillRt.Cli.Store;

/// <summary>
/// Internal, for SkillRt's own tests only: deterministic windows for killing the store's writers at
/// exactly the moments that must be recoverable. With <c>SKILLRT_INTERNAL_TEST_PAUSE</c> set to a
/// point's name, the process prints <c>skillrt: test pause: {point} (pid {pid})</c> on stderr when it
/// reaches that point, then waits for a line (or the end) on stdin before going on; a test kills it
/// there, or lets it go on. Unset, as everywhere but in those tests, a point costs one variable read.
/// </summary>
internal static class StoreTestHook
{
    /// <summary>The variable that names the point to pause at.</summary>
    public const string Variable = "SKILLRT_INTERNAL_TEST_PAUSE";

    /// <summary>A skill has been copied into its staging folder, before it is validated and published.</summary>
    public const string Staged = "staged";

    /// <summary><c>install --force</c> has moved the old entry aside and not yet moved the new one in.</summary>
    public const string BetweenRenames = "between-renames";

    /// <summary><c>install --force</c> has moved the new entry in and not yet deleted the old one or its journal.</summary>
    public const string AfterRenames = "after-renames";

    /// <summary>Pauses at <paramref name="point"/> if the variable names it.</summary>
    public static void Reach(string point)
    {
        if (!string.Equals(Environment.GetEnvironmentVariable(Variable), point, StringComparison.Ordinal))
        {
            return;
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"skillrt: test pause: {point} (pid {Environment.ProcessId})"));
        Console.Error.Flush();
        Console.In.ReadLine();
    }
}
