using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NJsonSchema;
using SkillRt.Tests;
using Xunit;

namespace SkillRt.AgentDoc.Tests;

/// <summary>spec/agent-doc.schema.json agrees with the reader: it accepts what the reader accepts and rejects shape errors it reports.</summary>
public sealed class AgentDocSchemaTests(GeneratedDocuments generated) : IClassFixture<GeneratedDocuments>
{
    private static readonly Task<JsonSchema> Schema = JsonSchema.FromFileAsync(Path.Combine(TestPaths.Spec, "agent-doc.schema.json"));

    private static string Json(string yaml) => AgentDocReader.ToJson(yaml)!.ToJsonString();

    [Fact]
    public async Task Schema_accepts_the_sample_and_both_generated_documents()
    {
        var schema = await Schema;

        Assert.Empty(schema.Validate(Json(SampleDocs.Valid)));
        Assert.Empty(schema.Validate(Json(AgentDocWriter.Write(generated.Resend.Document!))));
        Assert.Empty(schema.Validate(Json(AgentDocWriter.Write(generated.OpenAI.Document!))));
    }

    [Theory]
    [InlineData("    method: POST", "    method: FETCH")]
    [InlineData("  name: mailer", "  name: Mailer")]
    [InlineData("  idempotent: false", "  idempotent: sometimes")]
    [InlineData("  effect: action", "  effect: send")]
    [InlineData("  purpose: Sends one email", "  purposes: Sends one email")]
    [InlineData("agentDoc: \"0.1\"", "agentDoc: \"2.0\"")]
    public async Task Schema_rejects_what_the_reader_reports_as_an_error(string find, string replace)
    {
        var text = SampleDocs.Valid.Replace(find, replace, System.StringComparison.Ordinal);
        Assert.Contains(AgentDocReader.Parse(text).Diagnostics, d => d.Severity == SkillDiagnosticSeverity.Error);

        Assert.NotEmpty((await Schema).Validate(Json(text)));
    }
}
