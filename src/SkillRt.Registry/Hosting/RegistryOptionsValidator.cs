using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace SkillRt.Registry.Hosting;

/// <summary>Refuses limits that cannot work, naming the setting.</summary>
internal sealed class RegistryOptionsValidator : IValidateOptions<RegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistryOptions options)
    {
        var failures = new List<string>();
        const string Prefix = RegistryOptions.SectionName + ":";
        if (options.MaxPackageBytes < 1024)
        {
            failures.Add($"{Prefix}MaxPackageBytes must be at least 1024 (it is {options.MaxPackageBytes}).");
        }

        if (options.MaxUnpackedBytes < options.MaxPackageBytes)
        {
            failures.Add($"{Prefix}MaxUnpackedBytes ({options.MaxUnpackedBytes}) must be at least {Prefix}MaxPackageBytes ({options.MaxPackageBytes}).");
        }

        if (options.MaxEntries < 1)
        {
            failures.Add($"{Prefix}MaxEntries must be at least 1.");
        }

        if (options.MaxQueryLength is < 16 or > 4096)
        {
            failures.Add($"{Prefix}MaxQueryLength must be 16–4096 (it is {options.MaxQueryLength}).");
        }

        if (options.MaxPageSize is < 1 or > 1000)
        {
            failures.Add($"{Prefix}MaxPageSize must be 1–1000 (it is {options.MaxPageSize}).");
        }

        if (options.DownloadCountInterval <= TimeSpan.Zero || options.DownloadCountInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Prefix}DownloadCountInterval must be more than 0 and at most 00:10:00 (it is {options.DownloadCountInterval}).");
        }

        if (options.SearchCacheDuration < TimeSpan.Zero || options.SearchCacheDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"{Prefix}SearchCacheDuration must be 0 (off) to 01:00:00 (it is {options.SearchCacheDuration}).");
        }

        if (options.SearchCacheEntries < 1)
        {
            failures.Add($"{Prefix}SearchCacheEntries must be at least 1.");
        }

        if (options.PackagePageCacheDuration < TimeSpan.Zero || options.PackagePageCacheDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"{Prefix}PackagePageCacheDuration must be 0 (off) to 01:00:00 (it is {options.PackagePageCacheDuration}).");
        }

        if (options.PackagePageCacheEntries < 1)
        {
            failures.Add($"{Prefix}PackagePageCacheEntries must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
