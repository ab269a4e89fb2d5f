using System;
using System.IO;
using SkillRt.Cli.Sources;
using SkillRt.Signing.Minisign;

namespace SkillRt.Cli.Signing;

/// <summary>
/// Where signing keys live and how they are read: by default <c>signing/minisign.key</c> and
/// <c>signing/minisign.pub</c> in skillrt's configuration folder (<see cref="ConfigLocation"/>); files in
/// minisign's own format, so <c>minisign -S -s</c> and <c>minisign -V -p</c> use them too.
/// </summary>
internal static class SigningKeyFiles
{
    /// <summary>The default secret key file.</summary>
    public static string DefaultSecretKey => Path.Combine(ConfigLocation.Resolve(), "signing", "minisign.key");

    /// <summary>The public key file that goes with a secret key file: <c>x.key</c> → <c>x.pub</c>, else <c>x</c> → <c>x.pub</c>.</summary>
    public static string PublicKeyFor(string secretKeyFile) =>
        secretKeyFile.EndsWith(".key", StringComparison.OrdinalIgnoreCase) ? secretKeyFile[..^4] + ".pub" : secretKeyFile + ".pub";

    /// <summary>Reads and opens a secret key file, asking for its password when it has one.</summary>
    public static MinisignSecretKey ReadSecretKey(string path, TextWriter prompt)
    {
        var text = ReadText(path, "secret key", "create one with 'skillrt key new', or pass --key <file>");
        var password = MinisignSecretKey.IsEncrypted(text) ? SigningPassword.ForExistingKey(prompt, path) : null;
        if (!MinisignSecretKey.TryParse(text, path, password, out var key, out var error))
        {
            var hint = error.Message.Contains("password is wrong", StringComparison.Ordinal)
                ? $" Type it again, or check {SigningPassword.EnvironmentVariable}."
                : " Pass a secret key file 'skillrt key new' or 'minisign -G' wrote.";
            throw new CliException(ExitCodes.UsageError, error + hint);
        }

        return key;
    }

    /// <summary>Reads a public key file (or one holding just the base64 line).</summary>
    public static MinisignPublicKey ReadPublicKey(string path)
    {
        var text = ReadText(path, "public key", "pass the .pub file 'skillrt key new' or 'minisign -G' wrote");
        return MinisignPublicKey.TryParse(text, path, out var key, out var error)
            ? key
            : throw new CliException(ExitCodes.UsageError, error + " Pass the .pub file 'skillrt key new' or 'minisign -G' wrote.");
    }

    private static string ReadText(string path, string what, string hint)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new CliException(ExitCodes.NotFound, $"no {what} at '{path}'; {hint}.");
            }

            if (info.Length > 64 * 1024)
            {
                throw new CliException(ExitCodes.UsageError, $"'{path}' is {info.Length:N0} bytes, too large to be a minisign {what}; {hint}.");
            }

            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UsageError, $"cannot read the {what} '{path}': {exception.Message}", exception.ToString(), exception);
        }
    }
}
