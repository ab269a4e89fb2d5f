using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.AgentDoc.Tests.Mcp;

/// <summary>The doc query service directly: pinned answers, budgets and their notes, errors that name what exists.</summary>
public sealed class AgentDocQueriesTests(GeneratedDocuments generated) : IClassFixture<GeneratedDocuments>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AgentDocument Mailer(string version) => AgentDocReader.Parse(SampleDocs.Valid).Document! with { Identity = AgentDocReader.Parse(SampleDocs.Valid).Document!.Identity with { Version = version } };

    private AgentDocQueries Queries(AgentDocToolOptions? options = null) =>
        new(new AgentDocCatalog([generated.Resend.Document!, Mailer("2.1.0"), Mailer("2.10.0"), Mailer("2.9.1")]), options ?? new AgentDocToolOptions());

    private static JsonObject Json(AgentDocAnswer answer)
    {
        Assert.False(answer.IsError, answer.Text);
        return JsonNode.Parse(answer.Text)!.AsObject();
    }

    [Fact]
    public async Task Resolve_lists_versions_newest_first_with_their_hashes_and_finds_a_misspelt_name()
    {
        var queries = Queries();

        var exact = Json(await queries.ResolveLibraryAsync("MAILER", null, Ct));
        var library = exact["libraries"]!.AsArray().Single()!;
        Assert.True(exact["exactMatch"]!.GetValue<bool>());
        Assert.Equal(["2.10.0", "2.9.1", "2.1.0"], library["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()));
        Assert.Equal(AgentDocContentHash.Compute(Mailer("2.10.0")), library["versions"]![0]!["contentHash"]!.GetValue<string>());

        var misspelt = Json(await queries.ResolveLibraryAsync("resnd", null, Ct));
        Assert.False(misspelt["exactMatch"]!.GetValue<bool>());
        Assert.Equal("resend", misspelt["libraries"]![0]!["name"]!.GetValue<string>());

        var unknown = await queries.ResolveLibraryAsync("stripe", null, Ct);
        Assert.True(unknown.IsError);
        Assert.Contains("mailer, resend", unknown.Text, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_is_pinned_to_the_newest_version_unless_one_is_named()
    {
        var queries = Queries();

        var newest = Json(await queries.SearchOperationsAsync("mailer", null, "send an email", null, null, Ct));
        Assert.Equal("2.10.0", newest["version"]!.GetValue<string>());
        Assert.Equal(AgentDocContentHash.Compute(Mailer("2.10.0")), newest["contentHash"]!.GetValue<string>());
        Assert.Equal("send-email", newest["results"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("POST /emails", newest["results"]![0]!["http"]!.GetValue<string>());

        var older = Json(await queries.SearchOperationsAsync("mailer", "2.1.0", "send an email", null, null, Ct));
        Assert.Equal("2.1.0", older["version"]!.GetValue<string>());

        var resend = Json(await queries.SearchOperationsAsync("resend", null, "send an email", 3, null, Ct));
        Assert.Equal("emails/send", resend["results"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(generated.Resend.Document!.Identity.ContentHash, resend["contentHash"]!.GetValue<string>());
        Assert.Equal(3, resend["results"]!.AsArray().Count);

        var nothing = Json(await queries.SearchOperationsAsync("mailer", null, "quantum teleport", null, null, Ct));
        Assert.Empty(nothing["results"]!.AsArray());
        Assert.Contains("emails", nothing["hint"]!.GetValue<string>(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_operation_gives_schemas_errors_remedies_and_the_shared_schemas_it_uses()
    {
        var answer = Json(await Queries().GetOperationAsync("resend", null, "emails/send", 32_000, Ct));

        var operation = answer["operation"]!;
        Assert.Equal("emails/send", operation["id"]!.GetValue<string>());
        Assert.NotNull(operation["input"]);
        Assert.NotNull(answer["schemas"]!["SendEmailRequest"]);
        Assert.Null(answer["truncated"]);
        Assert.Equal(generated.Resend.Document!.Identity.Version, answer["version"]!.GetValue<string>());

        var mailer = Json(await Queries().GetOperationAsync("mailer", null, "send-email", null, Ct));
        Assert.Equal(["422", "429"], mailer["operation"]!["errors"]!.AsArray().Select(e => e!["status"]!.GetValue<string>()));
        Assert.Equal("Wait, then retry.", mailer["operation"]!["errors"]![1]!["remedy"]!.GetValue<string>());
        Assert.Equal("Sends an email; it cannot be unsent.", mailer["operation"]!["sideEffects"]![0]!.GetValue<string>());
        Assert.NotNull(mailer["schemas"]!["SendEmail"]);
        Assert.Equal("A welcome email", mailer["examples"]![0]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_small_budget_trims_the_answer_says_what_it_left_out_and_the_size_that_gets_it_all()
    {
        var queries = Queries();

        var small = await queries.GetOperationAsync("resend", null, "emails/send", AgentDocToolOptions.MinimumMaxTokens, Ct);
        var json = Json(small);
        Assert.True(small.Text.Length <= AgentDocToolOptions.MinimumMaxTokens * TokenBudget.CharactersPerToken, $"{small.Text.Length} characters");
        var note = json["truncated"]!;
        Assert.NotEmpty(note["omitted"]!.AsArray());
        Assert.Contains("maxTokens=", note["howToGetTheRest"]!.GetValue<string>(), System.StringComparison.Ordinal);
        Assert.Equal("emails/send", json["operation"]!["id"]!.GetValue<string>());
        Assert.NotNull(json["contentHash"]);

        var fullTokens = note["maxTokensForAll"]!.GetValue<int>();
        var whole = Json(await queries.GetOperationAsync("resend", null, "emails/send", fullTokens, Ct));
        Assert.Null(whole["truncated"]);
    }

    [Fact]
    public async Task Every_OpenAI_operation_fits_the_default_budget()
    {
        var queries = new AgentDocQueries(new AgentDocCatalog([generated.OpenAI.Document!]), new AgentDocToolOptions());
        var budget = new AgentDocToolOptions().DefaultMaxTokens * TokenBudget.CharactersPerToken;
        var trimmed = 0;

        foreach (var operation in generated.OpenAI.Document!.Operations)
        {
            var answer = await queries.GetOperationAsync(generated.OpenAI.Document.Identity.Name, null, operation.Id, null, Ct);
            Assert.True(answer.Text.Length <= budget, $"{operation.Id}: {answer.Text.Length} characters");
            trimmed += Json(answer)["truncated"] is null ? 0 : 1;
        }

        // The OpenAI document's large request schemas (chat completions, responses) do not fit 4,000 tokens.
        Assert.InRange(trimmed, 1, generated.OpenAI.Document.Operations.Count - 1);
    }

    [Fact]
    public async Task A_schema_larger_than_the_budget_comes_as_an_outline()
    {
        var queries = new AgentDocQueries(new AgentDocCatalog([generated.OpenAI.Document!]), new AgentDocToolOptions());
        var largest = generated.OpenAI.Document!.Schemas.MaxBy(s => s.Schema.ToJsonString().Length)!;

        var answer = await queries.GetSchemaAsync(generated.OpenAI.Document.Identity.Name, null, "#/schemas/" + largest.Name, 1_000, Ct);

        var json = Json(answer);
        Assert.True(answer.Text.Length <= 4_000);
        Assert.Equal(largest.Name, json["name"]!.GetValue<string>());
        Assert.Contains("cut below depth", json["truncated"]!["shortened"]![0]!.GetValue<string>(), System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_names_are_errors_that_name_the_closest_ones_that_exist()
    {
        var queries = Queries();

        var library = await queries.GetOperationAsync("mailr", null, "send-email", null, Ct);
        Assert.True(library.IsError);
        Assert.Contains("No agent-doc for library 'mailr'. Closest: mailer.", library.Text, System.StringComparison.Ordinal);

        var version = await queries.GetOperationAsync("mailer", "3.0.0", "send-email", null, Ct);
        Assert.True(version.IsError);
        Assert.Contains("2.10.0, 2.9.1, 2.1.0", version.Text, System.StringComparison.Ordinal);

        var operation = await queries.GetOperationAsync("resend", null, "sendEmail", null, Ct);
        Assert.True(operation.IsError);
        Assert.Contains("no operation 'sendEmail'", operation.Text, System.StringComparison.Ordinal);
        Assert.Contains("emails/send", operation.Text, System.StringComparison.Ordinal);

        var workflow = await queries.GetWorkflowAsync("mailer", null, "send-and-confirmm", null, Ct);
        Assert.True(workflow.IsError);
        Assert.Contains("Closest: send-and-confirm.", workflow.Text, System.StringComparison.Ordinal);

        var schema = await queries.GetSchemaAsync("mailer", null, "SendMail", null, Ct);
        Assert.True(schema.IsError);
        Assert.Contains("SendEmail", schema.Text, System.StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_workflow_gives_steps_inputs_success_criteria_and_the_operations_called()
    {
        var json = Json(await Queries().GetWorkflowAsync("mailer", "2.9.1", "send-and-confirm", null, Ct));

        Assert.Equal("2.9.1", json["version"]!.GetValue<string>());
        var steps = json["workflow"]!["steps"]!.AsArray();
        Assert.Equal(["send", "check"], steps.Select(s => s!["id"]!.GetValue<string>()));
        Assert.Equal("$steps.send.output.id", steps[1]!["inputs"]!["path.id"]!.GetValue<string>());
        Assert.Equal("POST /emails", json["operations"]!["send-email"]!["http"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("1.9.2", "1.10.0")]
    [InlineData("1.0.0-beta.2", "1.0.0")]
    [InlineData("1.0.0-alpha", "1.0.0-beta")]
    [InlineData("2024-01-15", "2024-06-01")]
    [InlineData("v1", "v2")]
    [InlineData("1.0", "1.0.1")]
    public void Versions_order_as_SemVer_and_dates_do(string older, string newer)
    {
        Assert.True(AgentDocVersionComparer.Instance.Compare(older, newer) < 0);
        Assert.True(AgentDocVersionComparer.Instance.Compare(newer, older) > 0);
    }

    [Fact]
    public void Two_different_documents_with_one_name_and_version_are_refused()
    {
        var changed = Mailer("2.1.0") with { Summary = "Something else." };

        var exception = Assert.Throws<System.ArgumentException>(() => new AgentDocCatalog([Mailer("2.1.0"), changed]));
        Assert.Contains("mailer 2.1.0", exception.Message, System.StringComparison.Ordinal);
        Assert.Equal(1, new AgentDocCatalog([Mailer("2.1.0"), Mailer("2.1.0")]).Count);
    }
}
