using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace SkillRt.Registry.Moderation;

/// <summary>Refuses moderation settings that cannot work, naming the setting.</summary>
internal sealed class ModerationOptionsValidator : IValidateOptions<ModerationOptions>
{
    public ValidateOptionsResult Validate(string? name, ModerationOptions options)
    {
        var failures = new List<string>();
        const string Prefix = ModerationOptions.SectionName + ":";
        if (options.PopularNames is < 0 or > 100_000)
        {
            failures.Add($"{Prefix}PopularNames must be 0–100000 (it is {options.PopularNames}).");
        }

        if (options.PopularMinDownloads < 0)
        {
            failures.Add($"{Prefix}PopularMinDownloads must be 0 or more (it is {options.PopularMinDownloads}).");
        }

        if (options.PopularNamesRefresh < TimeSpan.Zero || options.PopularNamesRefresh > TimeSpan.FromDays(1))
        {
            failures.Add($"{Prefix}PopularNamesRefresh must be 00:00:00 (read on every publish) to 1.00:00:00 (it is {options.PopularNamesRefresh}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
