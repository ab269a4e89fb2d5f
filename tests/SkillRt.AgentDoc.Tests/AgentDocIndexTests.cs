using System.Linq;
using Xunit;

namespace SkillRt.AgentDoc.Tests;

/// <summary>The queries a doc server answers: by ID, by tag, by intent, a workflow, an operation's schemas; all pinned.</summary>
public sealed class AgentDocIndexTests(GeneratedDocuments generated) : IClassFixture<GeneratedDocuments>
{
    [Fact]
    public void Finds_the_operation_for_an_intent_and_what_it_needs()
    {
        var index = new AgentDocIndex(generated.Resend.Document!);

        var best = index.SearchOperations("send an email", limit: 5);
        Assert.Equal("emails/send", best[0].Operation.Id);
        Assert.Equal(1.0, best[0].Score);
        Assert.Equal("emails/send", index.FindOperation("emails/send")!.Id);
        Assert.Null(index.FindOperation("emails/sendd"));
        Assert.Contains(index.OperationsTagged("emails"), o => o.Id == "emails/send");
        Assert.Contains(index.SchemasUsedBy(index.FindOperation("emails/send")!), s => s.Name == "SendEmailRequest");
        Assert.Equal(generated.Resend.Document!.Identity.ContentHash, index.Identity.ContentHash);
        Assert.Empty(index.SearchOperations("   "));
    }

    [Fact]
    public void Workflows_are_found_by_id_and_an_unhashed_document_is_pinned_by_its_computed_hash()
    {
        var document = AgentDocReader.Parse(SampleDocs.Valid).Document!;
        var index = new AgentDocIndex(document);

        Assert.Equal(["send", "check"], index.FindWorkflow("send-and-confirm")!.Steps.Select(s => s.Id));
        Assert.Null(document.Identity.ContentHash);
        Assert.Equal(AgentDocContentHash.Compute(document), index.Identity.ContentHash);
    }
}
