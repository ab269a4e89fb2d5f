using System;
using System.CommandLine;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Output;
using SkillRt.Cli.Signing;
using SkillRt.Signing.Minisign;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt key new [--output &lt;file&gt;] [--no-password] [--kdf-limit interactive|sensitive] [--json]</c>:
/// creates a minisign signing key pair for <c>skillrt sign</c> (not an API key: those are
/// <c>skillrt keys</c>). The files are minisign's own, so <c>minisign -S</c> signs with the secret key
/// and <c>minisign -V</c> verifies with the public one.
/// </summary>
internal static class KeyCommand
{
    public static Command Create()
    {
        var command = new Command("key", "Signing keys (minisign format) that sign packages with 'skillrt sign'. API keys are 'skillrt keys'.");
        command.Subcommands.Add(CreateNew());
        return command;
    }

    private static Command CreateNew()
    {
        var output = new Option<string?>("--output", "-o")
        {
            Description = "The secret key file to write; the public key goes beside it as .pub. By default signing/minisign.key in skillrt's configuration folder.",
            HelpName = "file",
        };
        var noPassword = new Option<bool>("--no-password")
        {
            Description = $"Leave the secret key unencrypted (like minisign -W). Otherwise the password is ${SigningPassword.EnvironmentVariable}, or asked on the terminal.",
        };
        var kdfLimit = new Option<string>("--kdf-limit")
        {
            Description = "How costly guessing the password is: 'sensitive' (minisign's own: 1 GiB and seconds per signing) or 'interactive' (16 MiB, fast).",
            DefaultValueFactory = _ => "sensitive",
            HelpName = "sensitive|interactive",
        };
        kdfLimit.AcceptOnlyFromAmong("sensitive", "interactive");
        var format = new JsonFormat();
        var command = new Command("new", "Create a signing key pair; refuses to overwrite one.") { output, noPassword, kdfLimit };
        format.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunNewAsync(
            parseResult.GetValue(output),
            parseResult.GetValue(noPassword),
            parseResult.GetValue(kdfLimit) == "interactive" ? MinisignKdfLimits.Interactive : MinisignKdfLimits.Sensitive,
            format.IsJson(parseResult),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunNewAsync(string? output, bool noPassword, MinisignKdfLimits limits, bool json, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var secretPath = Path.GetFullPath(output ?? SigningKeyFiles.DefaultSecretKey);
        var publicPath = SigningKeyFiles.PublicKeyFor(secretPath);
        foreach (var path in new[] { secretPath, publicPath })
        {
            if (File.Exists(path) || Directory.Exists(path))
            {
                throw new CliException(ExitCodes.UsageError, $"'{path}' exists already, and a signing key is never overwritten (signatures made with it could no longer be checked); pass --output <file> for a new one, or delete it if you mean to.");
            }
        }

        var password = noPassword ? null : SigningPassword.ForNewKey(stderr);
        using var key = MinisignSecretKey.Generate();
        var secretText = key.ToFileText(password, limits);
        var publicText = key.PublicKey.ToFileText();
        try
        {
            var folder = Path.GetDirectoryName(secretPath)!;
            if (!Directory.Exists(folder))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(folder);
                }
                else
                {
                    Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            await WriteNewAsync(secretPath, secretText, secret: true, cancellationToken).ConfigureAwait(false);
            await WriteNewAsync(publicPath, publicText, secret: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UsageError, $"cannot write the key pair to '{secretPath}': {exception.Message}", exception.ToString(), exception);
        }

        if (json)
        {
            await JsonOutput.WriteAsync(stdout, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("keyId", key.KeyId.ToString());
                writer.WriteString("publicKey", key.PublicKey.ToBase64());
                writer.WriteString("secretKeyFile", secretPath);
                writer.WriteString("publicKeyFile", publicPath);
                writer.WriteBoolean("encrypted", password is not null);
                writer.WriteEndObject();
            }).ConfigureAwait(false);
        }
        else
        {
            await stdout.WriteLineAsync($"""
                Created signing key {key.KeyId}{(password is null ? " (no password)" : string.Empty)}.
                Secret key: {secretPath} (keep it secret; it signs as you)
                Public key: {publicPath}
                  {key.PublicKey.ToBase64()}
                Register the public key with your registry owner (POST api/v2/owners/<owner>/signing-keys), then sign packages with 'skillrt sign <package>.nupkg'.
                """).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static async Task WriteNewAsync(string path, string text, bool secret, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(path, options);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
    }
}
