using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using SkillRt.Cli.Output;
using SkillRt.Cli.Signing;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt sign &lt;package.nupkg&gt; [--key &lt;file&gt;] [--json]</c>: writes
/// <c>&lt;package&gt;.nupkg.minisig</c> beside the package, a minisign signature whose trusted comment
/// names the package (<c>id@version</c>) and its SHA-512; <c>skillrt publish</c> sends it with the
/// package, and <c>minisign -Vm &lt;package&gt;.nupkg -p &lt;key&gt;.pub</c> checks it.
/// </summary>
internal static class SignCommand
{
    public static Command Create()
    {
        var package = new Argument<string>("package") { Description = "The .nupkg to sign." };
        var key = new Option<string?>("--key", "-k")
        {
            Description = "The secret key file; by default the one 'skillrt key new' wrote (signing/minisign.key in skillrt's configuration folder).",
            HelpName = "file",
        };
        var format = new JsonFormat();
        var command = new Command("sign", "Sign a .nupkg with your signing key: writes <package>.nupkg.minisig beside it.") { package, key };
        format.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(package)!,
            parseResult.GetValue(key),
            format.IsJson(parseResult),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string packagePath, string? keyPath, bool json, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(packagePath);
        if (!File.Exists(path) || !path.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException(ExitCodes.UsageError, $"'{packagePath}' is not a .nupkg file; pass the package to sign (pack a skill folder with 'skillrt publish <folder> --dry-run --output <dir>' or 'dotnet pack').");
        }

        var (id, version) = ReadIdentity(path);
        using var key = SigningKeyFiles.ReadSecretKey(Path.GetFullPath(keyPath ?? SigningKeyFiles.DefaultSecretKey), stderr);
        string sha512;
        await using (var content = File.OpenRead(path))
        {
            sha512 = Convert.ToHexStringLower(await SHA512.HashDataAsync(content, cancellationToken).ConfigureAwait(false));
        }

        // minisign's own fields first (timestamp, file), then the package's: 'minisign -V' prints them all.
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var trustedComment = $"timestamp:{timestamp}\tfile:{Path.GetFileName(path)}\tpackage:{id}@{version}\tsha512:{sha512}";
        SkillRt.Signing.Minisign.MinisignSignature signature;
        await using (var content = File.OpenRead(path))
        {
            signature = await key.SignAsync(content, trustedComment, "signature from skillrt secret key", cancellationToken).ConfigureAwait(false);
        }

        var signaturePath = path + ".minisig";
        try
        {
            await File.WriteAllTextAsync(signaturePath, signature.ToFileText(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UsageError, $"cannot write '{signaturePath}': {exception.Message}", exception.ToString(), exception);
        }

        if (json)
        {
            await JsonOutput.WriteAsync(stdout, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("package", path);
                writer.WriteString("signature", signaturePath);
                writer.WriteString("id", id);
                writer.WriteString("version", version);
                writer.WriteString("sha512", sha512);
                writer.WriteString("keyId", key.KeyId.ToString());
                writer.WriteString("trustedComment", trustedComment);
                writer.WriteEndObject();
            }).ConfigureAwait(false);
        }
        else
        {
            await stdout.WriteLineAsync($"Signed {id} {version} with key {key.KeyId}: {signaturePath}. 'skillrt publish {packagePath}' sends it with the package.").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    /// <summary>The package's ID and version, from the .nuspec at its root.</summary>
    private static (string Id, string Version) ReadIdentity(string path)
    {
        try
        {
            using var archive = ZipFile.OpenRead(path);
            foreach (var entry in archive.Entries)
            {
                if (entry.FullName.Contains('/', StringComparison.Ordinal) || !entry.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase) || entry.Length > 1024 * 1024)
                {
                    continue;
                }

                using var stream = entry.Open();
                var metadata = XDocument.Load(stream).Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata");
                var id = metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == "id")?.Value.Trim();
                var version = metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == "version")?.Value.Trim();
                if (!string.IsNullOrEmpty(id) && !string.IsNullOrEmpty(version))
                {
                    return (id, version);
                }

                break;
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or XmlException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.UsageError, $"'{path}' is not a readable .nupkg: {exception.Message}", exception.ToString(), exception);
        }

        throw new CliException(ExitCodes.UsageError, $"'{path}' has no .nuspec with an <id> and a <version> at its root, so it is not a NuGet package; pack it again with 'dotnet pack' or 'skillrt publish --dry-run --output <dir>'.");
    }
}
