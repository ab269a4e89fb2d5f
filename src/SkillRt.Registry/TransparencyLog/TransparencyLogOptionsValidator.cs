using System.Collections.Generic;
using System.IO;
using Microsoft.Extensions.Options;
using SkillRt.Signing.Transparency;

namespace SkillRt.Registry.TransparencyLog;

/// <summary>Refuses a log key that cannot be used, naming the setting; a configured key is parsed here, at start-up.</summary>
internal sealed class TransparencyLogOptionsValidator : IValidateOptions<TransparencyLogOptions>
{
    private const string Prefix = TransparencyLogOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, TransparencyLogOptions options)
    {
        var failures = new List<string>();
        if (options.SigningKey is not null && options.SigningKeyFile is not null)
        {
            failures.Add($"{Prefix}SigningKey and {Prefix}SigningKeyFile are both set; set one of them.");
        }
        else if (options.SigningKey is not null)
        {
            using var signer = NoteSigner.Parse(options.SigningKey, out var problem);
            if (signer is null)
            {
                failures.Add($"{Prefix}SigningKey is not a signed-note private key: {problem}. Generate one with 'skillrt serve' once (it writes {TransparencyLogOptions.DefaultKeyFileName} in the data directory) and copy that file's content.");
            }
        }
        else if (options.SigningKeyFile is not null)
        {
            if (LogSigningKey.ReadKeyFile(options.SigningKeyFile, out var problem) is { } signer)
            {
                signer.Dispose();
            }
            else
            {
                failures.Add($"{Prefix}SigningKeyFile: {problem}");
            }
        }

        if (options.GeneratedKeyName is not null && NoteKeys.NameProblem(options.GeneratedKeyName) is { } nameProblem)
        {
            failures.Add($"{Prefix}GeneratedKeyName: {nameProblem}.");
        }

        if (options.MaxEntriesPerPage is < 1 or > 10_000)
        {
            failures.Add($"{Prefix}MaxEntriesPerPage must be 1–10000 (it is {options.MaxEntriesPerPage}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
