using System;
using System.IO;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Newtonsoft.Json.Linq;
using SkillRt.Schemas;

namespace SkillRt.Benchmarks.Schemas;

/// <summary>
/// Validate-only cost of SkillRt's <see cref="JsonSchemaValidator"/> against NJsonSchema, the peer it
/// replaced on the dynamic path, on a realistic output schema: OpenAI's CreateChatCompletionResponse
/// (its $refs brought into $defs: 14 definitions, 11 anyOf, 3 oneOf), with a two-choice response
/// (text with logprobs and a citation; two tool calls) and the same response with three errors.
/// Both validators and both documents are prepared in setup, so only validation is measured.
/// NJsonSchema gets the schema with <c>$defs</c> renamed to <c>definitions</c>, the only place it
/// resolves references into.
/// </summary>
[MemoryDiagnoser]
public class SchemaValidationBenchmarks
{
    private JsonSchemaValidator _skillRt = null!;
    private NJsonSchema.JsonSchema _njsonSchema = null!;
    private JsonDocument _document = null!;
    private JToken _token = null!;

    /// <summary>The response as the API returns it, or with three errors in it.</summary>
    [Params("valid", "invalid")]
    public string Response { get; set; } = "valid";

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Data");
        var schema = File.ReadAllText(Path.Combine(folder, "openai-chat-completion.schema.json"));
        var response = File.ReadAllText(Path.Combine(folder, Response == "valid" ? "openai-chat-completion.json" : "openai-chat-completion.invalid.json"));
        _skillRt = JsonSchemaValidator.Create(schema);
        // NJsonSchema resolves references into draft 7's "definitions" only, not 2020-12's "$defs": the
        // same schema, renamed, so that it can validate it at all.
        _njsonSchema = NJsonSchema.JsonSchema.FromJsonAsync(schema.Replace("$defs", "definitions", StringComparison.Ordinal)).GetAwaiter().GetResult();
        _document = JsonDocument.Parse(response);
        _token = JToken.Parse(response);

        // Both must reach the same verdict, or the comparison means nothing.
        var skillRtErrors = _skillRt.Validate(_document.RootElement).Count;
        var peerErrors = _njsonSchema.Validate(_token).Count;
        if ((skillRtErrors == 0) != (Response == "valid") || (peerErrors == 0) != (Response == "valid"))
        {
            throw new InvalidOperationException($"The validators disagree on the {Response} response: SkillRt found {skillRtErrors} errors, NJsonSchema {peerErrors}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _document.Dispose();

    /// <summary>SkillRt: the verdict only, stopping at the first problem.</summary>
    [Benchmark]
    public bool SkillRt_IsValid() => _skillRt.IsValid(_document.RootElement);

    /// <summary>SkillRt: every error with its locations and message, as the dynamic path asks for them.</summary>
    [Benchmark(Baseline = true)]
    public int SkillRt_Validate() => _skillRt.Validate(_document.RootElement).Count;

    /// <summary>NJsonSchema: its errors for the same response, already parsed into a JToken.</summary>
    [Benchmark]
    public int NJsonSchema_Validate() => _njsonSchema.Validate(_token).Count;
}
