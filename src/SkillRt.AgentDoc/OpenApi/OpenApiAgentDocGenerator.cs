using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace SkillRt.AgentDoc;

/// <summary>
/// Generates an agent-doc from an OpenAPI 3.0, 3.1 or 3.2 or a Swagger 2.0 document (JSON or YAML), read
/// with Microsoft.OpenApi, which resolves its references. Every operation is kept; shared schemas stay
/// shared (<c>#/schemas/Name</c>); errors come from the responses; and whatever could not be mapped is
/// in <see cref="OpenApiGenerationResult.Problems"/>. Bad input gives a report, never an exception.
/// </summary>
public static class OpenApiAgentDocGenerator
{
    /// <summary>Generates from a file.</summary>
    public static async Task<OpenApiGenerationResult> GenerateAsync(string path, OpenApiGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new OpenApiGenerationOptions();
        var stopwatch = Stopwatch.StartNew();
        var length = new FileInfo(path).Length;
        if (length > options.MaxSourceBytes)
        {
            return TooLarge(length, options, stopwatch);
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return await GenerateAsync(bytes, options with { SourceUri = options.SourceUri ?? Path.GetFileName(path) }, stopwatch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Generates from the bytes of a document (JSON or YAML, told apart by their first character).</summary>
    public static Task<OpenApiGenerationResult> GenerateAsync(byte[] document, OpenApiGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        options ??= new OpenApiGenerationOptions();
        var stopwatch = Stopwatch.StartNew();
        return document.LongLength > options.MaxSourceBytes
            ? Task.FromResult(TooLarge(document.LongLength, options, stopwatch))
            : GenerateAsync(document, options, stopwatch, cancellationToken);
    }

    private static async Task<OpenApiGenerationResult> GenerateAsync(byte[] bytes, OpenApiGenerationOptions options, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        var problems = new List<OpenApiMappingProblem>();
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();

        ReadResult read;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            read = await OpenApiDocument.LoadAsync(stream, FormatOf(bytes), settings, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The reader throws many types for malformed text (YAML, JSON, OpenAPI); each becomes the report's one error.
        catch (Exception exception) when (exception is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            problems.Add(new(OpenApiMappingSeverity.Error, "#", $"The document could not be read as OpenAPI: {exception.Message}. Check that it is complete, valid JSON or YAML, and starts with 'openapi: 3.x' or 'swagger: \"2.0\"'"));
            return new OpenApiGenerationResult(null, problems, 0, null, stopwatch.Elapsed);
        }

        var diagnostic = read.Diagnostic;
        var document = read.Document;
        if (document is null || document.Paths is null || document.Info is null)
        {
            problems.Add(diagnostic is { Errors.Count: > 0 }
                ? new(OpenApiMappingSeverity.Error, diagnostic.Errors[0].Pointer ?? "#", "The document could not be read: " + string.Join("; ", diagnostic.Errors.Select(e => e.Message)) + ". Check that it is complete and valid YAML or JSON")
                : new(OpenApiMappingSeverity.Error, "#", "The document is not OpenAPI 2.0, 3.0, 3.1 or 3.2: it has no 'info' or no 'paths'; check that it starts with 'openapi: 3.x' or 'swagger: \"2.0\"'"));
            return new OpenApiGenerationResult(null, problems, 0, null, stopwatch.Elapsed);
        }

        // The reader's own findings (rule violations, unresolvable references) do not stop the mapping:
        // what could be read is mapped, and each finding is in the report.
        foreach (var error in diagnostic?.Errors ?? [])
        {
            problems.Add(new(OpenApiMappingSeverity.Warning, error.Pointer ?? "#", "The OpenAPI document breaks a rule of its spec: " + error.Message));
        }

        foreach (var warning in diagnostic?.Warnings ?? [])
        {
            problems.Add(new(OpenApiMappingSeverity.Info, warning.Pointer ?? "#", "OpenAPI reader warning: " + warning.Message));
        }

        var version = diagnostic?.SpecificationVersion ?? OpenApiSpecVersion.OpenApi3_0;
        var mapper = new OpenApiMapper(document, version, bytes, options, problems);
        var result = mapper.Map(cancellationToken);
        return new OpenApiGenerationResult(AgentDocContentHash.WithContentHash(result), problems, mapper.SourceOperationCount, OpenApiMapper.FormatName(version), stopwatch.Elapsed);
    }

    // JSON documents start with '{' (after a byte order mark and white space); anything else is read as YAML.
    private static string FormatOf(byte[] bytes)
    {
        var i = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        while (i < bytes.Length && bytes[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i < bytes.Length && bytes[i] == (byte)'{' ? "json" : "yaml";
    }

    private static OpenApiGenerationResult TooLarge(long length, OpenApiGenerationOptions options, Stopwatch stopwatch) =>
        new(null, [new(OpenApiMappingSeverity.Error, "#", $"The document is {length} bytes, more than the {options.MaxSourceBytes} bytes the generator reads; split it, or raise the limit (OpenApiGenerationOptions.MaxSourceBytes)")], 0, null, stopwatch.Elapsed);
}
