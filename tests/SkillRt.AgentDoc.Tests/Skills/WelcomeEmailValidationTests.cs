using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using NJsonSchema;
using SkillRt.Runtime.Tests.Integration;
using Xunit;

namespace SkillRt.AgentDoc.Tests.Skills;

/// <summary>
/// Issue 22's validation target: a typed skill that sends a welcome email declares Resend's agent-doc,
/// generated from the real Resend OpenAPI document. A replayed model uses the doc tools to find the
/// operation; the skill's typed output is a request that validates against that operation's input schema,
/// and a fake Resend API on 127.0.0.1 accepts it.
/// </summary>
public sealed class WelcomeEmailValidationTests(GeneratedDocuments generated) : IClassFixture<GeneratedDocuments>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The operation's input schema as one JSON Schema document: the agent-doc's shared schemas go under
    /// <c>definitions</c> and its <c>#/schemas/Name</c> references are pointed there, so NJsonSchema resolves them.
    /// </summary>
    private static async Task<JsonSchema> InputSchemaAsync(AgentDocument document, AgentDocOperation operation)
    {
        var root = operation.Input!.DeepClone().AsObject();
        var definitions = new JsonObject();
        foreach (var schema in document.Schemas)
        {
            definitions[schema.Name] = schema.Schema.DeepClone();
        }

        root["definitions"] = definitions;
        return await JsonSchema.FromJsonAsync(root.ToJsonString().Replace("\"#/schemas/", "\"#/definitions/", StringComparison.Ordinal), Ct);
    }

    [Fact]
    public async Task The_model_finds_the_operation_with_the_doc_tools_and_the_typed_output_is_a_request_Resend_accepts()
    {
        var resend = generated.Resend.Document!;
        Assert.Equal("1.5.0", resend.Identity.Version);
        var operation = resend.Operations.Single(o => o.Id == "emails/send");
        var input = await InputSchemaAsync(resend, operation);
        await using var api = await FakeResendApi.StartAsync(operation.Http!, input, Ct);

        await using var model = await OpenAIChatServer.StartAsync(Ct);
        model.EnqueueToolCall(AgentDocTools.ResolveLibrary, """{"library":"resend"}""", id: "call_1")
            .EnqueueToolCall(AgentDocTools.SearchOperations, """{"library":"resend","query":"send an email"}""", id: "call_2")
            .EnqueueToolCall(AgentDocTools.GetOperation, """{"library":"resend","operationId":"emails/send"}""", id: "call_3")
            .EnqueueCompletion("""{"body":{"from":"Acme <welcome@example.com>","to":"ada@example.com","subject":"Welcome to Acme","html":"<p>Welcome, Ada!</p>"}}""");
        var services = new ServiceCollection().AddSingleton(model.CreateChatClient());
        services.AddSkillRt().AddAgentDocs(new AgentDocCatalog([resend, generated.OpenAI.Document!]));
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        WelcomeEmailOutput output = await WelcomeEmailSkill.RunAsync(provider.GetRequiredService<ISkillRunner>(), new WelcomeEmailInput("ada@example.com"), Ct);

        // The model was offered the doc tools and they led it to the operation and its schemas.
        Assert.Contains(AgentDocTools.GetOperation, model.Requests[0].Body.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("function").GetProperty("name").GetString()));
        var search = JsonNode.Parse(model.Requests[2].Messages.Last(m => m.Role == "tool").Text!)!;
        Assert.Equal("emails/send", search["results"]![0]!["id"]!.GetValue<string>());
        var got = model.Requests[3].Messages.Last(m => m.Role == "tool").Text!;
        Assert.Contains("SendEmailRequest", got, StringComparison.Ordinal);
        Assert.Equal(resend.Identity.ContentHash ?? AgentDocContentHash.Compute(resend), JsonNode.Parse(got)!["contentHash"]!.GetValue<string>());

        // The typed output is a valid input of the operation...
        Assert.Equal("ada@example.com", output.Body.To);
        var request = WelcomeEmailSkill.Contract.SerializeOutput(output);
        Assert.Empty(input.Validate(request.GetRawText()));
        // ...which the validator does not grant to anything: without a subject it is not one.
        var withoutSubject = JsonNode.Parse(request.GetRawText())!;
        withoutSubject["body"]!.AsObject().Remove("subject");
        Assert.NotEmpty(input.Validate(withoutSubject.ToJsonString()));

        // The fake Resend API accepts the call made as the agent-doc describes it.
        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FakeResendApi.ApiKey);
        using var call = new HttpRequestMessage(new HttpMethod(operation.Http!.Method), operation.Http.Path.TrimStart('/'))
        {
            Content = new StringContent(request.GetProperty("body").GetRawText(), Encoding.UTF8, "application/json"),
        };
        using var response = await http.SendAsync(call, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Welcome to Acme", Assert.Single(api.Accepted)["subject"]!.GetValue<string>());

        using var rejected = await http.PostAsync(operation.Http.Path.TrimStart('/'), new StringContent(withoutSubject["body"]!.ToJsonString(), Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
    }
}
