using System;
using System.Globalization;

namespace SkillRt.Evaluation;

/// <summary>Numbers and labels every report writes the same way.</summary>
internal static class ReportText
{
    public static string Percent(double rate) => (rate * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    public static string SkillLabel(EvalResult result) => result.SkillVersion is null ? result.SkillName : result.SkillName + "@" + result.SkillVersion;

    /// <summary>Why a trial failed, in one line: the run's error or the first failed assertion.</summary>
    public static string Failure(EvalTrialResult trial)
    {
        if (trial.Error is not null)
        {
            return "the run failed: " + trial.Error;
        }

        foreach (var assertion in trial.Assertions)
        {
            if (!assertion.Passed)
            {
                return assertion.Description + ": " + (assertion.Message ?? "failed");
            }
        }

        return "passed";
    }

    public static string Plural(int count, string one, string many) => count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many);
}
