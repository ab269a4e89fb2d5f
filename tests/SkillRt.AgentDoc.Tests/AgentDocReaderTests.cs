using System.Linq;
using System.Text;
using Xunit;

namespace SkillRt.AgentDoc.Tests;

/// <summary>The validator: a valid file reads clean; each kind of mistake is reported at its line and column with its ID.</summary>
public sealed class AgentDocReaderTests
{
    private static AgentDocReadResult Read(string text) => AgentDocReader.Parse(text, "agent-doc.yaml");

    // Replaces one line of the sample (1-based) and reads it.
    private static AgentDocReadResult ReadWith(string find, string replace)
    {
        Assert.Contains(find, SampleDocs.Valid, System.StringComparison.Ordinal);
        return Read(SampleDocs.Valid.Replace(find, replace, System.StringComparison.Ordinal));
    }

    private static int LineOf(string text, string find) =>
        text.Substring(0, text.IndexOf(find, System.StringComparison.Ordinal)).Count(c => c == '\n') + 1;

    [Fact]
    public void Valid_document_reads_without_diagnostics_into_the_model()
    {
        var result = Read(SampleDocs.Valid);

        Assert.Empty(result.Diagnostics);
        var document = Assert.IsType<AgentDocument>(result.Document);
        Assert.Equal("mailer", document.Identity.Name);
        Assert.Equal("2.1.0", document.Identity.Version);
        Assert.Equal("Sends transactional email.\nCreate a domain first, then send from it.", document.Summary);
        var send = document.Operations[0];
        Assert.Equal(new AgentDocHttp("POST", "/emails", "application/json"), send.Http);
        Assert.Equal(["422", "429"], send.Errors.Select(e => e.Status));
        Assert.True(send.Errors[1].Retryable);
        Assert.Equal(new AgentDocRateLimit("Two requests per second per key.", 2, "PT1S"), send.RateLimit);
        Assert.False(send.Idempotent);
        Assert.Equal("send-email", document.Operations[1].Deprecated!.Replacement);
        var workflow = Assert.Single(document.Workflows);
        Assert.Equal(["send", "check"], workflow.Steps.Select(s => s.Id));
        Assert.Equal("$steps.send.output.id", workflow.Steps[1].Inputs.Single().Value);
        Assert.Equal("SendEmail", Assert.Single(document.Schemas).Name);
        Assert.StartsWith("sha256:", result.ComputedContentHash, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_key_is_reported_at_its_mapping_with_what_to_add()
    {
        var result = ReadWith("  name: mailer\n", string.Empty);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("ADOC0101", diagnostic.Id);
        Assert.Equal(LineOf(SampleDocs.Valid, "  version: 2.1.0"), diagnostic.Span.StartLine + 1);
        Assert.Contains("'identity' has no 'name'", diagnostic.Message, System.StringComparison.Ordinal);
        Assert.Null(result.Document);
    }

    [Fact]
    public void Invalid_http_method_is_reported_at_the_value_with_the_allowed_ones()
    {
        var result = ReadWith("    method: POST", "    method: FETCH");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("ADOC0104", diagnostic.Id);
        Assert.Equal(LineOf(SampleDocs.Valid, "    method: POST"), diagnostic.Span.StartLine);
        Assert.Equal(13, diagnostic.Span.StartColumn);
        Assert.Equal("operations[0].http.method: 'FETCH' is invalid: use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, TRACE, QUERY", diagnostic.Message);
        Assert.Equal("agent-doc.yaml(" + diagnostic.Span.StartLine + ",13): error ADOC0104: " + diagnostic.Message, diagnostic.ToString("agent-doc.yaml"));
        Assert.EndsWith("AGENT-DOC-SPEC.md#adoc0104", diagnostic.Descriptor.HelpLink, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_operation_id_names_the_line_of_the_first()
    {
        var result = ReadWith("- id: get-email", "- id: send-email");

        var diagnostic = Assert.Single(result.Diagnostics, d => d.Id == "ADOC0105");
        Assert.Equal(LineOf(SampleDocs.Valid, "- id: get-email"), diagnostic.Span.StartLine);
        Assert.Contains($"already used on line {LineOf(SampleDocs.Valid, "- id: send-email")}", diagnostic.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_references_are_reported_where_they_are_written()
    {
        var text = SampleDocs.Valid
            .Replace("  group: emails\n  tags", "  group: email\n  tags", System.StringComparison.Ordinal)
            .Replace("  auth: [bearer]", "  auth: [apikey]", System.StringComparison.Ordinal)
            .Replace("$ref: \"#/schemas/SendEmail\"", "$ref: \"#/schemas/SendMail\"", System.StringComparison.Ordinal)
            .Replace("    operation: get-email", "    operation: fetch-email", System.StringComparison.Ordinal);
        var result = Read(text);

        Assert.All(result.Diagnostics, d => Assert.Equal("ADOC0106", d.Id));
        Assert.Equal(
            [LineOf(text, "group: email\n"), LineOf(text, "auth: [apikey]"), LineOf(text, "#/schemas/SendMail"), LineOf(text, "operation: fetch-email")],
            result.Diagnostics.Select(d => d.Span.StartLine));
        Assert.Contains("'#/schemas/SendMail' names a schema that does not exist", result.Diagnostics[2].Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Step_input_from_a_later_step_is_an_error_because_steps_run_in_order()
    {
        var result = ReadWith("body.subject: Hello", "body.subject: $steps.check.output.subject");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("ADOC0106", diagnostic.Id);
        Assert.Equal(LineOf(SampleDocs.Valid, "body.subject: Hello"), diagnostic.Span.StartLine);
        Assert.Contains("must be the ID of a step above this one", diagnostic.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_types_and_unknown_keys_are_located()
    {
        var text = SampleDocs.Valid
            .Replace("  idempotent: false", "  idempotent: sometimes", System.StringComparison.Ordinal)
            .Replace("  whenToUse:", "  when_to_use:", System.StringComparison.Ordinal);
        var result = Read(text);

        Assert.Equal(["ADOC0103", "ADOC0102"], result.Diagnostics.Select(d => d.Id));
        Assert.Equal(SkillDiagnosticSeverity.Warning, result.Diagnostics[0].Severity);
        Assert.Equal(LineOf(text, "when_to_use"), result.Diagnostics[0].Span.StartLine);
        Assert.Equal(LineOf(text, "idempotent: sometimes"), result.Diagnostics[1].Span.StartLine);
        Assert.Equal("'operations[0].idempotent' must be true or false, not a string", result.Diagnostics[1].Message);
    }

    [Fact]
    public void Extension_keys_are_not_reported()
    {
        var result = ReadWith("  effect: action", "  effect: action\n  x-internal-owner: mail-team");

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Stated_content_hash_must_match_and_the_message_gives_the_right_one()
    {
        var computed = Read(SampleDocs.Valid).ComputedContentHash!;
        var withHash = SampleDocs.Valid.Replace("    kind: manual\n", "    kind: manual\n  contentHash: " + computed + "\n", System.StringComparison.Ordinal);
        Assert.Empty(Read(withHash).Diagnostics);

        var edited = withHash.Replace("Two requests per second", "Three requests per second", System.StringComparison.Ordinal);
        var diagnostic = Assert.Single(Read(edited).Diagnostics);
        Assert.Equal("ADOC0107", diagnostic.Id);
        Assert.Equal(LineOf(edited, "contentHash:"), diagnostic.Span.StartLine);
        Assert.Contains("hashes to 'sha256:", diagnostic.Message, System.StringComparison.Ordinal);
        Assert.NotEqual(computed, Read(edited).ComputedContentHash);
    }

    [Fact]
    public void File_without_the_spec_version_is_not_an_agent_doc()
    {
        var result = Read("openapi: 3.1.0\ninfo:\n  title: x\n");

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("ADOC0002", diagnostic.Id);
        Assert.Equal(1, diagnostic.Span.StartLine);
        Assert.Null(result.Document);
    }

    [Fact]
    public void Unknown_spec_version_is_refused()
    {
        var diagnostic = Assert.Single(ReadWith("agentDoc: \"0.1\"", "agentDoc: \"9.0\"").Diagnostics);
        Assert.Equal("ADOC0002", diagnostic.Id);
        Assert.Equal((1, 11), (diagnostic.Span.StartLine, diagnostic.Span.StartColumn));
    }

    [Fact]
    public void Yaml_syntax_errors_keep_the_parsers_ids_and_position()
    {
        var text = SampleDocs.Valid.Replace("  tags: [mail, outbound]", "  tags: [mail, outbound", System.StringComparison.Ordinal);
        var result = Read(text);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SKILL0002", diagnostic.Id);
        Assert.True(diagnostic.Span.StartLine >= LineOf(text, "tags: [mail, outbound"));
        Assert.Null(result.Document);
    }

    [Fact]
    public void Invalid_utf8_is_located_by_line()
    {
        var bytes = Encoding.UTF8.GetBytes("agentDoc: \"0.1\"\nsummary: caf\u00e9\n").ToList();
        bytes[bytes.Count - 2] = 0xFF;
        var result = AgentDocReader.Parse(bytes.ToArray());

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("SKILL0005", diagnostic.Id);
        Assert.Equal(2, diagnostic.Span.StartLine);
    }

    [Fact]
    public void Oversized_file_is_refused_before_it_is_parsed()
    {
        var result = AgentDocReader.Parse(new byte[AgentDocLimits.MaxFileBytes + 1]);

        Assert.Equal("ADOC0001", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void Descriptors_are_listed_in_the_spec_with_an_anchor_each()
    {
        var spec = System.IO.File.ReadAllText(System.IO.Path.Combine(SkillRt.Tests.TestPaths.Spec, "AGENT-DOC-SPEC.md")).Replace("\r\n", "\n", System.StringComparison.Ordinal);
        foreach (var descriptor in AgentDocDiagnosticDescriptors.All)
        {
            Assert.Contains($"<a id=\"{descriptor.Id.ToLowerInvariant()}\"></a>\n\n### {descriptor.Id}: {descriptor.Title}", spec, System.StringComparison.Ordinal);
        }
    }
}
