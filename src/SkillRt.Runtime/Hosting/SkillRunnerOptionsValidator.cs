using System.Collections.Generic;
using System.Globalization;
using Microsoft.Extensions.Options;
using SkillRt.Sandboxing;

namespace SkillRt.Hosting;

/// <summary>Checks <see cref="SkillRunnerOptions"/> at start-up, so a bad setting fails the host, not the first run.</summary>
internal sealed class SkillRunnerOptionsValidator : IValidateOptions<SkillRunnerOptions>
{
    public ValidateOptionsResult Validate(string? name, SkillRunnerOptions options) =>
        Problems(options) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;

    /// <summary>Every problem with the options, each a sentence naming the setting.</summary>
    public static List<string> Problems(SkillRunnerOptions options)
    {
        var problems = new List<string>();
        if (options.MaxRepairAttempts < 0)
        {
            problems.Add($"SkillRunnerOptions.MaxRepairAttempts is {options.MaxRepairAttempts}; use 0 (no repair) or more.");
        }

        if (options.Temperature is { } temperature && (temperature < 0 || temperature > 2 || float.IsNaN(temperature)))
        {
            problems.Add($"SkillRunnerOptions.Temperature is {temperature.ToString(CultureInfo.InvariantCulture)}; use a value from 0 to 2, or null for the provider's default.");
        }

        if (options.MaxOutputTokens is < 1)
        {
            problems.Add($"SkillRunnerOptions.MaxOutputTokens is {options.MaxOutputTokens}; use 1 or more, or null for the provider's default.");
        }

        if (options.ModelId is { } model && string.IsNullOrWhiteSpace(model))
        {
            problems.Add("SkillRunnerOptions.ModelId is blank; name a model or leave it null.");
        }

        if (options.TemplateMaxSteps < 1)
        {
            problems.Add($"SkillRunnerOptions.TemplateMaxSteps is {options.TemplateMaxSteps}; use 1 or more.");
        }

        if (options.ProcessTimeout <= System.TimeSpan.Zero)
        {
            problems.Add($"SkillRunnerOptions.ProcessTimeout is {options.ProcessTimeout}; use a positive time such as 00:05:00.");
        }

        if (options.ToolCallTimeout <= System.TimeSpan.Zero)
        {
            problems.Add($"SkillRunnerOptions.ToolCallTimeout is {options.ToolCallTimeout}; use a positive time such as 00:02:00.");
        }

        if (options.RunTimeout <= System.TimeSpan.Zero && options.RunTimeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            problems.Add($"SkillRunnerOptions.RunTimeout is {options.RunTimeout}; use a positive time such as 00:10:00, or Timeout.InfiniteTimeSpan for no limit.");
        }

        if (options.MaxAnswerLength < 1)
        {
            problems.Add($"SkillRunnerOptions.MaxAnswerLength is {options.MaxAnswerLength}; use 1 or more characters (1048576 by default).");
        }

        if (options.MaxToolCalls < 0)
        {
            problems.Add($"SkillRunnerOptions.MaxToolCalls is {options.MaxToolCalls}; use 0 (every call refused) or more.");
        }

        if (options.MaxTurns < 1)
        {
            problems.Add($"SkillRunnerOptions.MaxTurns is {options.MaxTurns}; use 1 or more.");
        }

        if (options.MaxProcesses < 1)
        {
            problems.Add($"SkillRunnerOptions.MaxProcesses is {options.MaxProcesses}; use 1 or more (256 by default).");
        }

        if (options.MaxProcessMemoryBytes < ProcessLimits.MinimumMemoryBytes)
        {
            problems.Add($"SkillRunnerOptions.MaxProcessMemoryBytes is {options.MaxProcessMemoryBytes}; use {ProcessLimits.MinimumMemoryBytes} (16 MiB) or more (1 GiB by default).");
        }

        if (options.MaxProcessCpuTime <= System.TimeSpan.Zero)
        {
            problems.Add($"SkillRunnerOptions.MaxProcessCpuTime is {options.MaxProcessCpuTime}; use a positive time such as 00:05:00.");
        }

        if (options.MaxProcessOutputBytes < 1)
        {
            problems.Add($"SkillRunnerOptions.MaxProcessOutputBytes is {options.MaxProcessOutputBytes}; use 1 or more (16 MiB by default).");
        }

        if (options.Prices is null)
        {
            problems.Add("SkillRunnerOptions.Prices is null; leave the empty table or add prices to it.");
        }
        else if (string.IsNullOrWhiteSpace(options.Prices.Currency))
        {
            problems.Add("SkillRunnerOptions.Prices.Currency is blank; use an ISO 4217 code such as USD.");
        }

        return problems;
    }
}
