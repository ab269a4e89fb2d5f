using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Output;
#if !SKILL_NATIVE_FRONT
using SkillRt.Cli.Install;
using SkillRt.Cli.Publishing;
#endif

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt publish &lt;folder|SKILL.md|.nupkg&gt; [--source &lt;url|name&gt;] [--api-key-stdin] [--output &lt;dir&gt;] [--dry-run] [--json]</c>:
/// packs a skill folder into exactly the package <c>dotnet pack</c> would make of it (validated first;
/// errors in compiler format and nothing pushed), then pushes it to a registry or NuGet feed. A .nupkg
/// is checked to be a valid skill package and pushed as it is.
/// </summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("path")
        {
            Description = "The skill to publish: its folder, its SKILL.md, or a .nupkg packed with SkillRt.",
        };
        var source = new Option<string?>("--source", "-s")
        {
            Description = "Where to publish: a registry's service index URL (https://host/v3/index.json), a NuGet.config source name, or a folder feed. By default, NuGet.config's defaultPushSource.",
            HelpName = "url|name",
        };
        var apiKeyStdin = new Option<bool>("--api-key-stdin")
        {
            Description = "Read the API key from stdin. Otherwise it is SKILLRT_API_KEY, else NuGet.config's apikeys for the source.",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Keep the package in this folder, as {id}.{version}.nupkg (otherwise it is deleted once pushed).",
            HelpName = "dir",
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Validate and pack, but push nothing (no source or key needed).",
        };
        var signature = new Option<string?>("--signature")
        {
            Description = "The package's minisign signature to send with it (by default <package>.nupkg.minisig beside a .nupkg, when there is one; 'skillrt sign' writes it).",
            HelpName = "file",
        };
        var noSignature = new Option<bool>("--no-signature")
        {
            Description = "Send no signature, even when a .minisig lies beside the package.",
        };
        var format = new JsonFormat();

        var command = new Command("publish", "Pack a skill into the package dotnet pack would make, and push it to a registry or NuGet feed.")
        {
            path,
            source,
            apiKeyStdin,
            output,
            dryRun,
            signature,
            noSignature,
        };
        format.AddTo(command);
#if SKILL_NATIVE_FRONT
        // Packing and pushing use NuGet's libraries, which the native front leaves to its host (Native/HostProcess.cs).
        command.SetAction((_, cancellationToken) => Native.HostProcess.RunAsync(cancellationToken));
#else
        command.SetAction((parseResult, cancellationToken) =>
            RunAsync(
                new Request(
                    parseResult.GetValue(path)!,
                    parseResult.GetValue(source),
                    parseResult.GetValue(apiKeyStdin),
                    parseResult.GetValue(output),
                    parseResult.GetValue(dryRun),
                    format.IsJson(parseResult),
                    parseResult.GetValue(signature),
                    parseResult.GetValue(noSignature)),
                parseResult.InvocationConfiguration.Output,
                parseResult.InvocationConfiguration.Error,
                cancellationToken));
#endif
        return command;
    }

#if !SKILL_NATIVE_FRONT
    private static async Task<int> RunAsync(Request request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        DirectoryInfo? temporary = null;
        try
        {
            PackedPackage package;
            if (request.Path.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase) && File.Exists(request.Path))
            {
                if (request.Output is not null)
                {
                    throw new CliException(ExitCodes.UsageError, "--output is where a skill folder is packed to; a .nupkg is published as it is. Leave --output out.");
                }

                package = PackageFileCheck.Check(request.Path);
            }
            else if (request.Signature is not null)
            {
                throw new CliException(ExitCodes.UsageError, "--signature goes with a .nupkg: a skill folder is packed anew, and a signature made before cannot match the new package. Pack it (--dry-run --output <dir>), sign it ('skillrt sign'), then publish the .nupkg.");
            }
            else
            {
                var skillFile = FindSkillFile(request.Path);
                var folder = request.Output ?? (temporary = Directory.CreateTempSubdirectory("skillrt-publish-")).FullName;
                package = SkillPackagePacker.Pack(skillFile, folder, warnings);
            }

            foreach (var warning in warnings)
            {
                await error.WriteLineAsync(warning).ConfigureAwait(false);
            }

            var signatureFile = PublishSignature.Find(request, package.Path);
            string? location = null;
            if (!request.DryRun)
            {
                var target = PublishTarget.Resolve(request.Source, Environment.CurrentDirectory);
                var apiKey = target.IsFolder ? null : await PublishApiKey.ResolveAsync(request.ApiKeyFromStdin, target, Console.In, cancellationToken).ConfigureAwait(false);
                var serverWarnings = await PackagePusher.PushAsync(package.Path, package.Id, package.Version, target, apiKey, cancellationToken, signatureFile).ConfigureAwait(false);
                foreach (var warning in serverWarnings)
                {
                    await error.WriteLineAsync(warning).ConfigureAwait(false);
                }

                warnings.AddRange(serverWarnings);
                location = target.Location;
            }

            var kept = temporary is null ? package.Path : null;
            if (request.Json)
            {
                await JsonOutput.WriteAsync(output, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("id", package.Id);
                    writer.WriteString("version", package.Version.ToNormalizedString());
                    writer.WriteString("package", kept is null ? null : Path.GetFullPath(kept));
                    writer.WriteStartArray("files");
                    foreach (var file in package.SkillFiles)
                    {
                        writer.WriteStringValue(file);
                    }

                    writer.WriteEndArray();
                    writer.WriteBoolean("published", location is not null);
                    writer.WriteString("source", location);
                    writer.WriteString("signature", signatureFile is null ? null : Path.GetFullPath(signatureFile));
                    writer.WriteStartArray("warnings");
                    foreach (var warning in warnings)
                    {
                        writer.WriteStringValue(warning);
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }).ConfigureAwait(false);
            }
            else
            {
                var name = $"{package.Id} {package.Version.ToNormalizedString()}";
                var files = package.SkillFiles.Count == 1 ? "1 skill file" : $"{package.SkillFiles.Count} skill files";
                await output.WriteLineAsync(
                    location is not null ? $"Published {name} ({files}){(signatureFile is null ? string.Empty : " with its signature")} to {location}."
                    : kept is not null ? $"Packed {name} ({files}) into {kept}; dry run, nothing was published."
                    : $"{name} is valid and packs into {package.Id}.{package.Version.ToNormalizedString()}.nupkg ({files}); dry run, nothing was published (--output keeps the package).").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
        finally
        {
            temporary?.Delete(recursive: true);
        }
    }

    /// <summary>The SKILL.md of the one skill to publish: a package holds one skill, named and versioned as it is.</summary>
    private static string FindSkillFile(string path)
    {
        if (File.Exists(path))
        {
            return FolderSource.IsMarkdownFile(path)
                ? path
                : throw new CliException(ExitCodes.UsageError, $"'{path}' is not a skill: pass a skill folder, its SKILL.md, or a .nupkg packed with SkillRt.");
        }

        if (!Directory.Exists(path))
        {
            throw new CliException(ExitCodes.UsageError, $"'{path}' does not exist; pass a skill folder, its SKILL.md, or a .nupkg packed with SkillRt.");
        }

        var skillFile = Path.Combine(path, "SKILL.md");
        if (File.Exists(skillFile))
        {
            return skillFile;
        }

        var below = Discovery.SkillFileFinder.Find(path);
        if (below.Count == 0)
        {
            throw new CliException(ExitCodes.UsageError, $"no SKILL.md in '{path}'; pass a skill folder (one that holds a SKILL.md), its SKILL.md, or a .nupkg.");
        }

        var shown = string.Join(", ", below.Take(5).Select(f => Path.GetDirectoryName(f) is { Length: > 0 } folder ? folder : f));
        throw new CliException(
            ExitCodes.UsageError,
            $"'{path}' is not a skill folder but holds {below.Count} skill{(below.Count == 1 ? string.Empty : "s")} ({shown}{(below.Count > 5 ? ", …" : string.Empty)}); a package holds one skill, so publish each folder on its own.");
    }

    private sealed record Request(string Path, string? Source, bool ApiKeyFromStdin, string? Output, bool DryRun, bool Json, string? Signature, bool NoSignature);

    /// <summary>The .minisig to send: --signature, else the one beside a .nupkg; none with --no-signature.</summary>
    private static class PublishSignature
    {
        public static string? Find(Request request, string package)
        {
            if (request.NoSignature)
            {
                return request.Signature is null ? null : throw new CliException(ExitCodes.UsageError, "--signature and --no-signature contradict each other; pass one.");
            }

            if (request.Signature is not null)
            {
                return File.Exists(request.Signature)
                    ? request.Signature
                    : throw new CliException(ExitCodes.UsageError, $"the signature '{request.Signature}' does not exist; sign the package with 'skillrt sign {package}'.");
            }

            var beside = package + ".minisig";
            return request.Path.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase) && File.Exists(beside) ? beside : null;
        }
    }
#endif
}
