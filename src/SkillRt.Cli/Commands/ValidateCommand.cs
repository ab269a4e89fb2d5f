using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Discovery;
using SkillRt.Cli.Output;

namespace SkillRt.Cli.Commands;

/// <summary>
/// <c>skillrt validate &lt;paths…&gt;</c>: validates files and folders (searched with <see cref="SkillFileFinder"/>)
/// and prints each diagnostic in the compiler's format, so editors and CI annotate the line.
/// </summary>
internal static class ValidateCommand
{
    // Progress on a terminal (stderr only): at once for a large folder, else only if the checks take long.
    private const int ManyFiles = 50;
    private static readonly TimeSpan SlowProgressDelay = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "SKILL.md files, other Markdown skill files, or folders to search for skills.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = FormatOption.Create(
            "How to print results: 'text' for people, 'json' for scripts, or 'conformance' for one file in the conformance suite's runner contract (conformance/README.md).",
            "conformance");
        var errorsOnly = new Option<bool>("--errors-only", "--quiet", "-q")
        {
            Description = "Report errors only, no warnings, as <SkillErrorsOnly>true</SkillErrorsOnly> does for the build.",
        };

        var command = new Command("validate", "Check skills against the SKILL.md spec and report every problem with its line.")
        {
            paths,
            format,
            errorsOnly,
        };
        command.SetAction((parseResult, cancellationToken) => parseResult.GetValue(format) == "conformance"
            ? RunConformanceAsync(
                parseResult.GetValue(paths)!,
                parseResult.GetValue(errorsOnly),
                parseResult.InvocationConfiguration.Output,
                parseResult.InvocationConfiguration.Error,
                cancellationToken)
            : RunAsync(
                parseResult.GetValue(paths)!,
                FormatOption.IsJson(parseResult, format),
                parseResult.GetValue(errorsOnly),
                parseResult.InvocationConfiguration.Output,
                parseResult.InvocationConfiguration.Error,
                cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] paths, bool json, bool errorsOnly, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            IEnumerable<string> found;
            if (File.Exists(path))
            {
                // The build's rule (spec section 2.5): `skillrt validate *.md` skips a README as a build with <SkillFile Include="*.md" /> does.
                // A SKILL.md is a skill by its name; its first line is not read twice (it may be a pipe).
                found = [path];
                if (!SkillFileRule.IsSkillFileName(path) && SkillFileRule.Check(Path.GetFullPath(path), SkillFileRule.FileStartsWithFrontmatter(path), []) is { } notASkill)
                {
                    await error.WriteLineAsync(Line(notASkill, path)).ConfigureAwait(false);
                    found = [];
                }
            }
            else if (Directory.Exists(path))
            {
                found = SkillFileFinder.Find(path);
                if (!found.Any())
                {
                    await error.WriteLineAsync($"skillrt: no skill (SKILL.md, or a Markdown file with frontmatter) found under '{path}'; check the folder, or pass the skill files themselves.").ConfigureAwait(false);
                    return ExitCodes.UsageError;
                }
            }
            else
            {
                await error.WriteLineAsync($"skillrt: '{path}' does not exist; pass a SKILL.md file or a folder that contains skills.").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            // The same file named twice (or reached through two arguments) is checked once.
            files.AddRange(found.Where(file => seen.Add(Path.GetFullPath(file))));
        }

        if (files.Count == 0)
        {
            await error.WriteLineAsync("skillrt: none of the files given is a skill; pass SKILL.md files, Markdown files that open with a '---' frontmatter line, or folders.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var results = new List<(string Path, SkillValidationResult Result)>(files.Count);
        using var progress = TerminalProgress.Start(error, files.Count > ManyFiles ? TimeSpan.Zero : SlowProgressDelay, enabled: !errorsOnly);
        foreach (var file in files)
        {
            progress.Report($"validating {results.Count + 1} of {files.Count} files: {file}");
            SkillDocument document;
            try
            {
                // Synchronous on purpose: an async read starts thread-pool I/O, which costs a short-lived
                // command more start-up time than the read itself (measured in benchmarks/cli).
                cancellationToken.ThrowIfCancellationRequested();
                document = SkillDocument.Load(file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                await error.WriteLineAsync($"skillrt: cannot read '{file}': {exception.Message}").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            results.Add((file, SkillValidator.Validate(document)));
        }

        progress.Dispose();

        var errors = results.Sum(r => r.Result.Diagnostics.Count(d => d.Severity == SkillDiagnosticSeverity.Error));
        var warnings = errorsOnly ? 0 : results.Sum(r => r.Result.Diagnostics.Count(d => d.Severity == SkillDiagnosticSeverity.Warning));

        // --errors-only leaves warnings (and infos) out of the output entirely, text and JSON alike.
        bool Reported(SkillDiagnostic d) => d.Severity == SkillDiagnosticSeverity.Error || (!errorsOnly && d.Severity == SkillDiagnosticSeverity.Warning);
        if (json)
        {
            await JsonOutput.WriteAsync(output, writer => WriteJson(writer, results, errors, warnings, errorsOnly)).ConfigureAwait(false);
        }
        else
        {
            foreach (var (path, result) in results)
            {
                foreach (var diagnostic in result.Diagnostics.Where(Reported))
                {
                    await output.WriteLineAsync(Line(diagnostic, path)).ConfigureAwait(false);
                }
            }

            await output.WriteLineAsync(
                $"{Count(results.Count, "skill")} checked: {Count(results.Count(r => !r.Result.HasErrors), "valid skill")}, {Count(errors, "error")}, {Count(warnings, "warning")}.").ConfigureAwait(false);
        }

        return errors > 0 ? ExitCodes.InvalidSkill : ExitCodes.Success;
    }

    /// <summary>
    /// <c>--format conformance</c>: one file, read as a skill whatever its name (as the runtime reads a file it is
    /// told is a skill, spec section 2.5), printed in the runner contract's shape. The diagnostics are the result,
    /// so it exits 0 whenever it printed one; only a call it cannot answer exits otherwise.
    /// </summary>
    private static async Task<int> RunConformanceAsync(string[] paths, bool errorsOnly, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (paths.Length != 1 || errorsOnly)
        {
            await error.WriteLineAsync("skillrt: --format conformance checks one file and reports every diagnostic: pass exactly one SKILL.md, without --errors-only.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var path = paths[0];
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"skillrt: '{path}' is not a file; --format conformance reads one skill file (a case's SKILL.md).").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        SkillValidationResult result;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            result = SkillValidator.Validate(SkillDocument.Load(path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            await error.WriteLineAsync($"skillrt: cannot read '{path}': {exception.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        await JsonOutput.WriteAsync(output, writer => ConformanceJson.Write(writer, path, result)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    // The compiler's line, then the catalogue entry in brackets where MSBuild puts the project: editors'
    // and CI's problem matchers read up to the message, and a terminal makes the link clickable.
    private static string Line(SkillDiagnostic diagnostic, string path) => $"{diagnostic.ToString(path)} [{diagnostic.Descriptor.HelpLink}]";

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";

    private static void WriteJson(Utf8JsonWriter writer, List<(string Path, SkillValidationResult Result)> results, int errors, int warnings, bool errorsOnly)
    {
        writer.WriteStartObject();
        writer.WriteNumber("errors", errors);
        writer.WriteNumber("warnings", warnings);
        writer.WriteStartArray("skills");
        foreach (var (path, result) in results)
        {
            writer.WriteStartObject();
            writer.WriteString("path", path);
            writer.WriteString("name", result.Manifest.Name);
            writer.WriteString("version", result.Manifest.Version?.ToString());
            writer.WriteBoolean("valid", !result.HasErrors);
            writer.WriteStartArray("diagnostics");
            foreach (var diagnostic in result.Diagnostics.Where(d => !errorsOnly || d.Severity == SkillDiagnosticSeverity.Error))
            {
                writer.WriteStartObject();
                writer.WriteString("id", diagnostic.Id);
                writer.WriteString("severity", diagnostic.Severity.ToString().ToLowerInvariant());
                writer.WriteString("message", diagnostic.Message);
                writer.WriteString("helpUri", diagnostic.Descriptor.HelpLink);
                if (diagnostic.FilePath is not null)
                {
                    // In the skillrt.yaml sidecar: the line and column below are that file's.
                    writer.WriteString("file", diagnostic.FilePath);
                }

                writer.WriteNumber("line", diagnostic.Span.StartLine);
                writer.WriteNumber("column", diagnostic.Span.StartColumn);
                writer.WriteNumber("endLine", diagnostic.Span.EndLine);
                writer.WriteNumber("endColumn", diagnostic.Span.EndColumn);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
