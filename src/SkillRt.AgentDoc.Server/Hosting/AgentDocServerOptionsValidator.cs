using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;
using SkillRt.AgentDoc;

namespace SkillRt.Server.AgentDocs;

/// <summary>Refuses settings that cannot work, at start-up, naming the setting.</summary>
internal sealed class AgentDocServerOptionsValidator : IValidateOptions<AgentDocServerOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentDocServerOptions options)
    {
        var failures = new List<string>();
        if (options.MaxTokensCap < AgentDocToolOptions.MinimumMaxTokens)
        {
            failures.Add($"{AgentDocServerOptions.SectionName}:MaxTokensCap is {options.MaxTokensCap}; it must be at least {AgentDocToolOptions.MinimumMaxTokens}.");
        }

        if (options.DefaultMaxTokens < AgentDocToolOptions.MinimumMaxTokens || options.DefaultMaxTokens > options.MaxTokensCap)
        {
            failures.Add($"{AgentDocServerOptions.SectionName}:DefaultMaxTokens is {options.DefaultMaxTokens}; it must be between {AgentDocToolOptions.MinimumMaxTokens} and MaxTokensCap ({options.MaxTokensCap}).");
        }

        if (options.RefreshInterval <= TimeSpan.Zero || options.RefreshInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{AgentDocServerOptions.SectionName}:RefreshInterval is {options.RefreshInterval}; it must be more than zero and at most 01:00:00.");
        }

        if (options.MaxRequestBytes < 1024)
        {
            failures.Add($"{AgentDocServerOptions.SectionName}:MaxRequestBytes is {options.MaxRequestBytes}; it must be at least 1024.");
        }

        if (options.MaxDocuments < 1)
        {
            failures.Add($"{AgentDocServerOptions.SectionName}:MaxDocuments is {options.MaxDocuments}; it must be at least 1.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
