using System;
using System.Linq;
using Xunit;

namespace SkillRt.AgentDoc.Tests;

/// <summary>One agent-doc renders to both llms.txt conventions: the index and the full text.</summary>
public sealed class LlmsTxtRendererTests
{
    private static readonly AgentDocument Sample = AgentDocReader.Parse(SampleDocs.Valid).Document!;

    [Fact]
    public void Index_has_the_llms_txt_structure()
    {
        var text = LlmsTxtRenderer.RenderIndex(Sample);
        var lines = text.Split('\n');

        Assert.Equal("# Mailer API", lines[0]);
        Assert.Equal("> Sends transactional email.", lines[2]);
        Assert.Equal("> Create a domain first, then send from it.", lines[3]);
        Assert.Contains("agent-doc `mailer` version `2.1.0`", text, StringComparison.Ordinal);
        Assert.Equal(["## Emails", "## Workflows", "## Optional"], lines.Where(l => l.StartsWith("## ", StringComparison.Ordinal)));
        // An operation with a human page links there; one without links to its section of llms-full.txt.
        Assert.Contains("- [Send an email](https://docs.mailer.test/send): Sends one email to up to 50 recipients. Returns the new email's ID. `POST /emails`\n", text, StringComparison.Ordinal);
        Assert.Contains("- [Retrieve an email](llms-full.txt#get-email): Returns one email with its delivery status. `GET /emails/{id}` (deprecated)\n", text, StringComparison.Ordinal);
        Assert.Contains("- [Send and confirm delivery](llms-full.txt#workflow-send-and-confirm): Send a message and check that it was delivered.\n", text, StringComparison.Ordinal);
        Assert.Contains("- [Mailer documentation](https://docs.mailer.test/): reference\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Full_text_holds_schemas_errors_examples_effects_and_workflows()
    {
        var text = LlmsTxtRenderer.RenderFull(Sample with { Identity = Sample.Identity with { ContentHash = AgentDocContentHash.Compute(Sample) } });

        Assert.Contains("content hash `sha256:", text, StringComparison.Ordinal);
        Assert.Contains("### Send an email {#send-email}", text, StringComparison.Ordinal);
        Assert.Contains("ID `send-email` · `POST /emails` · body `application/json` · auth `bearer`", text, StringComparison.Ordinal);
        Assert.Contains("When to use: Use for a single message", text, StringComparison.Ordinal);
        Assert.Contains("Effects: effect: action; not idempotent; Sends an email; it cannot be unsent.", text, StringComparison.Ordinal);
        Assert.Contains("Rate limit: Two requests per second per key.", text, StringComparison.Ordinal);
        Assert.Contains("```json\n{\"type\":\"object\",\"properties\":{\"body\":{\"$ref\":\"#/schemas/SendEmail\"}},\"required\":[\"body\"]}\n```", text, StringComparison.Ordinal);
        Assert.Contains("- `429`: Too many requests. Remedy: Wait, then retry. (retryable)", text, StringComparison.Ordinal);
        Assert.Contains("Deprecated; use `send-email` instead. Use get-email-v2.", text, StringComparison.Ordinal);
        Assert.Contains("## Workflow: Send and confirm delivery {#workflow-send-and-confirm}", text, StringComparison.Ordinal);
        Assert.Contains("2. `check`: call `get-email`\n   - `path.id` = `$steps.send.output.id`\n", text, StringComparison.Ordinal);
        Assert.Contains("### SendEmail\n\n```json\n{\"type\":\"object\"", text, StringComparison.Ordinal);
        Assert.Contains("- **Domain**: A sending domain", text, StringComparison.Ordinal);
        Assert.Contains("- `bearer`: http bearer. Pass the API key as a bearer token.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Real_document_lists_every_operation_in_the_index()
    {
        var document = (await OpenApiAgentDocGenerator.GenerateAsync(OpenApiDocuments.Resend, cancellationToken: TestContext.Current.CancellationToken)).Document!;

        var index = LlmsTxtRenderer.RenderIndex(document);
        var sections = index.Split("\n## Optional", StringSplitOptions.None)[0];

        Assert.Equal(document.Operations.Count, sections.Split('\n').Count(l => l.StartsWith("- [", StringComparison.Ordinal)));
    }
}
