using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using NuGet.Configuration;
using SkillRt.Cli.Sources;

namespace SkillRt.Cli.Publishing;

/// <summary>
/// The API key a push sends: from stdin with <c>--api-key-stdin</c> (so it never sits in the shell's
/// history or the process list), else the <c>SKILLRT_API_KEY</c> environment variable, else the key
/// <c>skillrt login</c> stored for the source, else the key NuGet.config's <c>apikeys</c> holds for
/// it. It never appears in a message.
/// </summary>
internal static class PublishApiKey
{
    public const string EnvironmentVariable = "SKILLRT_API_KEY";

    // A key is one short line; reading more would hang on a terminal left open or swallow a pipe's megabytes.
    private const int MaxKeyLength = 4096;

    public static async Task<string> ResolveAsync(bool fromStandardInput, PublishTarget target, TextReader standardInput, CancellationToken cancellationToken)
    {
        if (fromStandardInput)
        {
            if (!Console.IsInputRedirected && ReferenceEquals(standardInput, Console.In))
            {
                throw new CliException(ExitCodes.UsageError, "--api-key-stdin reads the key from a pipe, and stdin is a terminal; pipe it in: skillrt publish … --api-key-stdin < key.txt, or printenv MY_KEY | skillrt publish … --api-key-stdin.");
            }

            var buffer = new char[MaxKeyLength + 1];
            var read = await standardInput.ReadBlockAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            var text = new string(buffer, 0, read).Trim();
            if (read > MaxKeyLength || text.Contains('\n', StringComparison.Ordinal))
            {
                throw new CliException(ExitCodes.UsageError, "--api-key-stdin reads one line, the key, and stdin held more; pipe only the key.");
            }

            return text.Length > 0
                ? text
                : throw new CliException(ExitCodes.UsageError, "--api-key-stdin read an empty key from stdin; pipe the key in, for example: printenv SKILLRT_KEY | skillrt publish … --api-key-stdin.");
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } key)
        {
            return key.Trim();
        }

        if (target.Registry is { } registry && SkillRtConfig.Load().KeyFor(registry) is { Length: > 0 } stored)
        {
            return stored;
        }

        // NuGet.config keys are encrypted with the user's Windows data protection; elsewhere they cannot be read back.
        try
        {
            if (SettingsUtility.GetDecryptedValueForAddItem(target.Settings, ConfigurationConstants.ApiKeys, target.Location) is { Length: > 0 } configured)
            {
                return configured;
            }
        }
        catch (Exception exception) when (exception is NotSupportedException or PlatformNotSupportedException or System.Security.Cryptography.CryptographicException or FormatException)
        {
        }

        throw new CliException(
            ExitCodes.NotConfigured,
            $"no API key to publish to {target.Location}: log in with 'skillrt login <url>', pipe it in with --api-key-stdin, or set {EnvironmentVariable}; the registry's administrator creates keys with the registry:publish scope.");
    }
}
