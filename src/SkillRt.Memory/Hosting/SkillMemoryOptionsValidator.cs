using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace SkillRt.Memory.Hosting;

/// <summary>Refuses options that would make the store misbehave, naming each option and its range.</summary>
internal sealed class SkillMemoryOptionsValidator : IValidateOptions<SkillMemoryOptions>
{
    public ValidateOptionsResult Validate(string? name, SkillMemoryOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            failures.Add("SkillMemoryOptions.DatabasePath is empty: set the path of the SQLite file.");
        }

        Range(failures, nameof(options.MaxValueBytes), options.MaxValueBytes, 1024, 64 * 1024 * 1024);
        Range(failures, nameof(options.MaxTags), options.MaxTags, 1, 256);
        Range(failures, nameof(options.MaxTagLength), options.MaxTagLength, 1, 256);
        Range(failures, nameof(options.NearDuplicateScanLimit), options.NearDuplicateScanLimit, 1, 10_000_000);
        Range(failures, nameof(options.MaxPageSize), options.MaxPageSize, 1, 10_000);
        Range(failures, nameof(options.DefaultPageSize), options.DefaultPageSize, 1, options.MaxPageSize);
        Range(failures, nameof(options.TextCandidateLimit), options.TextCandidateLimit, 1, 1_000_000);
        Range(failures, nameof(options.MaxDecayReportItems), options.MaxDecayReportItems, 0, 1_000_000);
        if (!Enum.IsDefined(options.DuplicatePolicy))
        {
            failures.Add($"SkillMemoryOptions.DuplicatePolicy is {(int)options.DuplicatePolicy}: use Merge, KeepBoth or Reject.");
        }

        Fraction(failures, nameof(options.EmbeddingDuplicateThreshold), options.EmbeddingDuplicateThreshold, allowZero: false);
        Fraction(failures, nameof(options.LexicalDuplicateThreshold), options.LexicalDuplicateThreshold, allowZero: false);
        Fraction(failures, nameof(options.RankingFreshnessWeight), options.RankingFreshnessWeight, allowZero: true);
        if (options.DecayHalfLife <= TimeSpan.Zero)
        {
            failures.Add($"SkillMemoryOptions.DecayHalfLife is {options.DecayHalfLife}: it must be positive (e.g. 30 days).");
        }

        if (options.BusyTimeout <= TimeSpan.Zero || options.BusyTimeout > TimeSpan.FromHours(1))
        {
            failures.Add($"SkillMemoryOptions.BusyTimeout is {options.BusyTimeout}: use more than zero and at most one hour.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"SkillMemoryOptions.{name} is {value}: use {min} to {max}.");
        }
    }

    private static void Fraction(List<string> failures, string name, double value, bool allowZero)
    {
        if (double.IsNaN(value) || value > 1 || value < 0 || (!allowZero && value == 0))
        {
            failures.Add($"SkillMemoryOptions.{name} is {value}: use a number {(allowZero ? "from 0" : "above 0")} up to 1.");
        }
    }
}
