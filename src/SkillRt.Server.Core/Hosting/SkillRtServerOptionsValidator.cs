using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SkillRt.Server.Storage;

namespace SkillRt.Server.Hosting;

/// <summary>
/// Checks <see cref="SkillRtServerOptions"/> when the server starts (ValidateOnStart), so a setting
/// that could only fail later (a PostgreSQL server without a connection string, an S3 store without a
/// bucket) stops the start with every problem named by its configuration key.
/// </summary>
/// <param name="configuration">The configuration the options came from, to name settings that were renamed; null where there is none.</param>
internal sealed class SkillRtServerOptionsValidator(IConfiguration? configuration = null) : IValidateOptions<SkillRtServerOptions>
{
    public ValidateOptionsResult Validate(string? name, SkillRtServerOptions options)
    {
        var failures = new List<string>();
        const string Prefix = SkillRtServerOptions.SectionName + ":";

        if (options.Database.Provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(options.Database.ConnectionString))
        {
            failures.Add($"{Prefix}Database:ConnectionString is required when {Prefix}Database:Provider is PostgreSql (for example 'Host=127.0.0.1;Database=skillrt;Username=skillrt').");
        }

        if (!Enum.IsDefined(options.Database.Provider))
        {
            failures.Add($"{Prefix}Database:Provider must be Sqlite or PostgreSql.");
        }

        if (!Enum.IsDefined(options.Blobs.Provider))
        {
            failures.Add($"{Prefix}Blobs:Provider must be FileSystem or S3.");
        }

        if (options.Blobs.Provider == BlobStoreProvider.S3)
        {
            if (string.IsNullOrWhiteSpace(options.Blobs.S3.Bucket))
            {
                failures.Add($"{Prefix}Blobs:S3:Bucket is required when {Prefix}Blobs:Provider is S3.");
            }

            if (options.Blobs.S3.ServiceUrl is { Length: > 0 } serviceUrl && !Uri.TryCreate(serviceUrl, UriKind.Absolute, out _))
            {
                failures.Add($"{Prefix}Blobs:S3:ServiceUrl '{serviceUrl}' is not an absolute URL (for example 'http://127.0.0.1:9000').");
            }

            if (string.IsNullOrWhiteSpace(options.Blobs.S3.ServiceUrl) && string.IsNullOrWhiteSpace(options.Blobs.S3.Region))
            {
                failures.Add($"{Prefix}Blobs:S3 needs a ServiceUrl (R2, MinIO, …) or a Region (Amazon S3).");
            }
        }

        if (options.PublicUrl is { Length: > 0 } publicUrl
            && (!Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{Prefix}PublicUrl '{publicUrl}' is not an absolute http or https URL.");
        }

        RateLimitValidation.Validate(options, configuration, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
