using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace SkillRt.AgentDoc.Tests;

/// <summary>The generator on the two real documents (Resend, OpenAI) and on small documents of each OpenAPI version.</summary>
public sealed class OpenApiGeneratorTests(GeneratedDocuments generated) : IClassFixture<GeneratedDocuments>
{
    public static TheoryData<string> Documents => ["resend", "openai"];

    private (OpenApiGenerationResult Result, string File) Get(string name) =>
        name == "resend" ? (generated.Resend, OpenApiDocuments.Resend) : (generated.OpenAI, OpenApiDocuments.OpenAI);

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_operation_is_kept(string name)
    {
        var (result, file) = Get(name);
        var source = OpenApiDocuments.Operations(file);

        Assert.True(result.Succeeded);
        Assert.Equal(source.Count, result.SourceOperationCount);
        Assert.Equal(source.Count, result.Document!.Operations.Count);
        // Each one by its operationId, path and method.
        var byId = result.Document.Operations.ToDictionary(o => o.Id);
        foreach (var (path, method, operationId, _) in source)
        {
            var operation = byId[operationId!];
            Assert.Equal((method.ToUpperInvariant(), path), (operation.Http!.Method, operation.Http.Path));
        }
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void References_are_resolved_into_the_agent_docs_own_schemas(string name)
    {
        var document = Get(name).Result.Document!;
        var yaml = AgentDocWriter.Write(document);

        Assert.DoesNotContain("#/components/", yaml, StringComparison.Ordinal);
        var names = document.Schemas.Select(s => s.Name).ToHashSet();
        var references = new List<string>();
        foreach (var node in document.Operations.SelectMany(o => new[] { o.Input, o.Output }.Concat(o.Errors.Select(e => e.Schema))).Concat(document.Schemas.Select(s => s.Schema)))
        {
            CollectReferences(node, references);
        }

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Contains(r["#/schemas/".Length..], names));
        // And the reader, which resolves every local $ref as a JSON Pointer, finds nothing wrong.
        var read = AgentDocReader.Parse(yaml);
        Assert.Empty(read.Diagnostics);
        Assert.Equal(document.Identity.ContentHash, read.ComputedContentHash);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Errors_are_derived_from_every_non_success_response(string name)
    {
        var (result, file) = Get(name);
        var byId = result.Document!.Operations.ToDictionary(o => o.Id);
        var withErrors = 0;
        foreach (var (_, _, operationId, statuses) in OpenApiDocuments.Operations(file))
        {
            var expected = statuses.Where(s => s[0] is not ('1' or '2' or '3')).Select(s => s.Length == 3 && s.EndsWith("xx", StringComparison.Ordinal) ? s[..1] + "XX" : s).ToList();
            var errors = byId[operationId!].Errors;
            Assert.Equal(expected, errors.Select(e => e.Status));
            Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Remedy)));
            withErrors += errors.Count > 0 ? 1 : 0;
        }

        if (name == "openai")
        {
            // The OpenAI document declares errors (429 and others) on many operations: the derivation is exercised, not vacuous.
            Assert.True(withErrors > 100, withErrors + " operations with errors");
            var rateLimited = result.Document.Operations.First(o => o.Errors.Any(e => e.Status == "429"));
            Assert.True(rateLimited.Errors.Single(e => e.Status == "429").Retryable);
            Assert.NotNull(rateLimited.RateLimit);
        }
    }

    [Fact]
    public void Resend_operations_are_grouped_by_tag_and_summarised_for_agents()
    {
        var document = generated.Resend.Document!;

        Assert.Equal("resend", document.Identity.Name);
        Assert.Equal("1.5.0", document.Identity.Version);
        Assert.Equal("openapi", document.Identity.Source!.Kind);
        Assert.Equal("3.1", document.Identity.Source.FormatVersion);
        Assert.Contains(document.Groups, g => g.Id == "emails" && g.Title == "Emails");
        var send = document.Operations.Single(o => o.Id == "emails/send");
        Assert.Equal("emails", send.Group);
        Assert.Equal("Send an email", send.Title);
        Assert.Contains("Returns SendEmailResponse.", send.Purpose, StringComparison.Ordinal);
        Assert.Equal("#/schemas/SendEmailRequest", send.Input!["properties"]!["body"]!["$ref"]!.GetValue<string>());
        // POST with an Idempotency-Key header: safe to retry with the key.
        Assert.True(send.Idempotent);
        Assert.Equal(["bearerAuth"], send.Auth);
        Assert.Equal(["https://api.resend.com"], document.BaseUrls);
        Assert.Contains(generated.Resend.Problems, p => p.Location == "#/webhooks" && p.Message.Contains("17 webhooks", StringComparison.Ordinal));
    }

    [Fact]
    public void Swagger_2_document_is_mapped_with_definitions_as_schemas()
    {
        var result = Generate("""
            swagger: "2.0"
            info: {title: Pet Store, version: 1.0.0}
            host: pets.example.com
            basePath: /v1
            schemes: [https]
            securityDefinitions:
              key: {type: apiKey, in: header, name: X-Key}
            security: [{key: []}]
            paths:
              /pets/{id}:
                parameters:
                  - {name: id, in: path, required: true, type: string}
                get:
                  operationId: getPet
                  tags: [pets]
                  summary: Get a pet
                  responses:
                    "200": {description: The pet, schema: {$ref: "#/definitions/Pet"}}
                    "404": {description: No such pet}
                delete:
                  tags: [pets]
                  responses:
                    "204": {description: Deleted}
            definitions:
              Pet:
                type: object
                properties:
                  id: {type: string}
                  parent: {$ref: "#/definitions/Pet"}
            """);

        var document = result.Document!;
        Assert.Equal("Swagger 2.0", result.SourceFormat);
        Assert.Equal("swagger", document.Identity.Source!.Kind);
        Assert.Equal(2, document.Operations.Count);
        var get = document.Operations[0];
        Assert.Equal("#/schemas/Pet", get.Output!["$ref"]!.GetValue<string>());
        Assert.Equal("id", get.Input!["properties"]!["path"]!["required"]![0]!.GetValue<string>());
        Assert.Equal("404", get.Errors.Single().Status);
        Assert.Equal(["key"], get.Auth);
        // The cyclic Pet → Pet reference stays a reference: no hang, no blow-up.
        Assert.Equal("#/schemas/Pet", document.Schemas.Single().Schema["properties"]!["parent"]!["$ref"]!.GetValue<string>());
        // The operation without an operationId gets a derived ID, and the report says so.
        Assert.Equal("delete-pets-id", document.Operations[1].Id);
        Assert.Contains(result.Problems, p => p.Severity == OpenApiMappingSeverity.Warning && p.Message.Contains("has no operationId", StringComparison.Ordinal));
        Assert.Empty(AgentDocReader.Parse(AgentDocWriter.Write(document)).Diagnostics);
    }

    [Fact]
    public void OpenApi_3_0_json_document_with_component_references_and_nullable()
    {
        var result = Generate("""
            {"openapi": "3.0.3", "info": {"title": "Notes", "version": "2"},
             "servers": [{"url": "https://{region}.notes.test", "variables": {"region": {"default": "eu"}}}],
             "paths": {"/notes": {"post": {"operationId": "createNote", "tags": ["notes"],
                "parameters": [{"$ref": "#/components/parameters/Trace"}],
                "requestBody": {"$ref": "#/components/requestBodies/Note"},
                "responses": {"201": {"description": "Created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Note"}}}},
                              "4XX": {"$ref": "#/components/responses/Problem"}}}}},
             "components": {
               "parameters": {"Trace": {"name": "X-Trace", "in": "header", "schema": {"type": "string"}}},
               "requestBodies": {"Note": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Note"}}}}},
               "responses": {"Problem": {"description": "A problem", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}},
               "schemas": {
                 "Note": {"type": "object", "properties": {"text": {"type": "string", "nullable": true}}},
                 "Problem": {"type": "object", "properties": {"detail": {"type": "string"}}},
                 "Unused": {"type": "string"}}}}
            """);

        var document = result.Document!;
        Assert.Equal("OpenAPI 3.0", result.SourceFormat);
        Assert.Equal(["https://eu.notes.test"], document.BaseUrls);
        var create = Assert.Single(document.Operations);
        Assert.Equal("create", create.Effect);
        Assert.Equal("string", create.Input!["properties"]!["header"]!["properties"]!["X-Trace"]!["type"]!.GetValue<string>());
        Assert.Equal("#/schemas/Note", create.Input["properties"]!["body"]!["$ref"]!.GetValue<string>());
        // The header is optional; the body is required.
        Assert.Equal(["body"], create.Input["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        var error = Assert.Single(create.Errors);
        Assert.Equal(("4XX", "A problem"), (error.Status, error.Meaning));
        Assert.Equal("#/schemas/Problem", error.Schema!["$ref"]!.GetValue<string>());
        Assert.Equal(["Note", "Problem"], document.Schemas.Select(s => s.Name));
        Assert.Contains(result.Problems, p => p.Location == "#/components/schemas" && p.Message.StartsWith("1 schemas", StringComparison.Ordinal));
        // OpenAPI 3.0's nullable becomes JSON Schema's null type.
        var text = document.Schemas[0].Schema["properties"]!["text"]!.ToJsonString();
        Assert.Contains("null", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not: [valid")]
    [InlineData("openapi: 3.1.0\ninfo:\n  title: Truncated\n  version: 1.0.0\npaths:\n  /a:\n    get:\n      responses:\n        \"200\": {description: \"ok")]
    [InlineData("{\"openapi\": \"3.0.0\", \"info\": {\"title\": \"x\"")]
    [InlineData("")]
    [InlineData("just a sentence")]
    public async Task Bad_input_gives_a_report_never_an_exception(string text)
    {
        var result = await OpenApiAgentDocGenerator.GenerateAsync(Encoding.UTF8.GetBytes(text), cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        var problem = Assert.Single(result.Problems, p => p.Severity == OpenApiMappingSeverity.Error);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }

    [Fact]
    public async Task Oversized_document_is_refused_without_being_read()
    {
        var result = await OpenApiAgentDocGenerator.GenerateAsync(new byte[1025], new OpenApiGenerationOptions { MaxSourceBytes = 1024 }, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("more than the 1024 bytes", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unresolvable_references_are_reported_and_the_result_stays_valid()
    {
        var result = Generate("""
            openapi: 3.1.0
            info: {title: Refs, version: 1.0.0}
            paths:
              /a:
                get:
                  operationId: getA
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: "#/components/schemas/Missing"}
                    "500":
                      description: failed
                      content:
                        application/json:
                          schema: {$ref: "other.yaml#/Problem"}
            """);

        Assert.True(result.Succeeded);
        Assert.Single(result.Document!.Operations);
        Assert.Contains(result.Problems, p => p.Severity == OpenApiMappingSeverity.Warning);
        Assert.DoesNotContain(AgentDocReader.Parse(AgentDocWriter.Write(result.Document)).Diagnostics, d => d.Severity == SkillDiagnosticSeverity.Error);
    }

    [Fact]
    public void Cyclic_references_become_recursive_schemas_without_looping()
    {
        var result = Generate("""
            openapi: 3.1.0
            info: {title: Cycles, version: 1.0.0}
            paths:
              /nodes:
                get:
                  operationId: getTree
                  responses:
                    "200":
                      description: ok
                      content:
                        application/json:
                          schema: {$ref: "#/components/schemas/Node"}
            components:
              schemas:
                Node:
                  type: object
                  properties:
                    children: {type: array, items: {$ref: "#/components/schemas/Node"}}
                    owner: {$ref: "#/components/schemas/Person"}
                Person:
                  type: object
                  properties:
                    manager: {$ref: "#/components/schemas/Person"}
                    team: {$ref: "#/components/schemas/Team"}
                Team:
                  type: object
                  properties:
                    lead: {$ref: "#/components/schemas/Person"}
            """);

        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        var document = result.Document!;
        Assert.Equal(["Node", "Person", "Team"], document.Schemas.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal("#/schemas/Node", document.Schemas.Single(s => s.Name == "Node").Schema["properties"]!["children"]!["items"]!["$ref"]!.GetValue<string>());
        Assert.DoesNotContain(AgentDocReader.Parse(AgentDocWriter.Write(document)).Diagnostics, d => d.Severity == SkillDiagnosticSeverity.Error);
    }

    [Fact]
    public void Operations_without_ids_get_stable_unique_ids_and_a_warning_each()
    {
        var result = Generate("""
            openapi: 3.1.0
            info: {title: No ids, version: 1.0.0}
            paths:
              /emails/{id}:
                get:
                  responses: {"200": {description: ok}}
                delete:
                  responses: {"204": {description: gone}}
              /:
                get:
                  operationId: get-emails-id
                  responses: {"200": {description: ok}}
            """);

        Assert.True(result.Succeeded);
        var ids = result.Document!.Operations.Select(o => o.Id).ToList();
        Assert.Equal(3, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("get-emails-id", ids);
        Assert.Equal(2, result.Problems.Count(p => p.Severity == OpenApiMappingSeverity.Warning && p.Message.StartsWith("The operation has no operationId", StringComparison.Ordinal)));
        // GET /emails/{id} would be 'get-emails-id', which another operation's operationId already is.
        Assert.Single(result.Problems, p => p.Severity == OpenApiMappingSeverity.Warning && p.Message.Contains("'get-emails-id' is not a valid or unique agent-doc ID", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_formats_are_kept_as_annotations()
    {
        var result = Generate("""
            openapi: 3.1.0
            info: {title: Formats, version: 1.0.0}
            paths:
              /a:
                post:
                  operationId: postA
                  requestBody:
                    content:
                      application/json:
                        schema:
                          type: object
                          properties:
                            when: {type: string, format: stardate}
                            size: {type: integer, format: int128}
                  responses: {"200": {description: ok}}
            """);

        Assert.True(result.Succeeded);
        var body = result.Document!.Operations.Single().Input!["properties"]!["body"]!;
        Assert.Equal("stardate", body["properties"]!["when"]!["format"]!.GetValue<string>());
        Assert.Equal("int128", body["properties"]!["size"]!["format"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_50_MB_document_is_generated_or_refused_with_a_report_never_a_crash()
    {
        // 50 MB of real operations: 2,000 paths whose descriptions carry the bulk.
        var text = new StringBuilder("{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"Big\",\"version\":\"1.0.0\"},\"paths\":{");
        var padding = new string('x', 25_000);
        for (var i = 0; i < 2_000; i++)
        {
            text.Append(i == 0 ? string.Empty : ",").Append("\"/items").Append(i).Append("\":{\"get\":{\"operationId\":\"get").Append(i)
                .Append("\",\"description\":\"").Append(padding).Append("\",\"responses\":{\"200\":{\"description\":\"ok\"}}}}");
        }

        text.Append("}}");
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        Assert.True(bytes.Length > 50_000_000);

        var result = await OpenApiAgentDocGenerator.GenerateAsync(bytes, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, string.Join('\n', result.Problems));
        Assert.Equal(2_000, result.Document!.Operations.Count);
        var refused = await OpenApiAgentDocGenerator.GenerateAsync(bytes, new OpenApiGenerationOptions { MaxSourceBytes = 32L * 1024 * 1024 }, TestContext.Current.CancellationToken);
        Assert.False(refused.Succeeded);
        Assert.Contains("more than the 33554432 bytes", Assert.Single(refused.Problems).Message, StringComparison.Ordinal);
    }

    private static OpenApiGenerationResult Generate(string text) =>
        OpenApiAgentDocGenerator.GenerateAsync(Encoding.UTF8.GetBytes(text), cancellationToken: TestContext.Current.CancellationToken).GetAwaiter().GetResult();

    private static void CollectReferences(JsonNode? node, List<string> references)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref" && value is JsonValue reference)
                    {
                        references.Add(reference.GetValue<string>());
                    }
                    else
                    {
                        CollectReferences(value, references);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectReferences(item, references);
                }

                break;
        }
    }
}
