using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.AgentDoc;

/// <summary>
/// The one service behind the doc tools: each method answers one tool's question from a catalog, pinned to
/// a library version and its content hash and kept within a token budget. A name that does not exist is an
/// error answer that names what does (closest first), never an exception. The MCP tools are thin adapters.
/// </summary>
internal sealed class AgentDocQueries
{
    private const int MaxNamesInError = 5;
    private const int MaxPurposeCharacters = 300;

    private readonly IAgentDocCatalog _catalog;

    public AgentDocQueries(IAgentDocCatalog catalog, AgentDocToolOptions options)
    {
        _catalog = catalog;
        Options = options;
    }

    public AgentDocToolOptions Options { get; }

    /// <summary>The budget for a request: the default when none is given, at least the minimum, at most the cap.</summary>
    public int Budget(int? maxTokens) => Math.Clamp(maxTokens ?? Options.DefaultMaxTokens, AgentDocToolOptions.MinimumMaxTokens, Options.MaxTokensCap);

    public async ValueTask<AgentDocAnswer> ResolveLibraryAsync(string query, int? maxTokens, CancellationToken cancellationToken)
    {
        var libraries = await _catalog.ListLibrariesAsync(cancellationToken).ConfigureAwait(false);
        if (libraries.Count == 0)
        {
            return AgentDocAnswer.Error("No agent-docs are served here yet.");
        }

        var wanted = query.Trim();
        var exact = libraries.FirstOrDefault(l => string.Equals(l.Name, wanted, StringComparison.OrdinalIgnoreCase));
        IReadOnlyList<AgentDocLibrary> found;
        if (exact is not null)
        {
            found = [exact];
        }
        else
        {
            // Words ("openai api", "email") match names and titles; a misspelt name matches by edit distance.
            var words = wanted.ToLowerInvariant().Split([' ', '-', '_', '.'], StringSplitOptions.RemoveEmptyEntries);
            var closest = ClosestNames.Find(wanted, libraries.Select(l => l.Name), limit: 10);
            found = libraries
                .Where(l => closest.Contains(l.Name) || (words.Length > 0 && words.All(w => l.Name.Contains(w, StringComparison.OrdinalIgnoreCase) || (l.Title?.Contains(w, StringComparison.OrdinalIgnoreCase) ?? false))))
                .OrderBy(l => closest.Contains(l.Name) ? closest.ToList().IndexOf(l.Name) : int.MaxValue)
                .ToList();
            if (found.Count == 0)
            {
                return AgentDocAnswer.Error($"No library matches '{wanted}'. Libraries served: {NameList(libraries.Select(l => l.Name), libraries.Count)}.");
            }
        }

        var answer = new BudgetedAnswer(null, Budget(maxTokens));
        answer.Root["query"] = wanted;
        answer.Root["exactMatch"] = exact is not null;
        var list = new JsonArray();
        answer.Root["libraries"] = list;
        foreach (var library in found)
        {
            var versions = new JsonArray();
            foreach (var version in library.Versions)
            {
                versions.Add(new JsonObject
                {
                    ["version"] = version.Version,
                    ["contentHash"] = version.ContentHash,
                    ["operations"] = version.Operations,
                    ["workflows"] = version.Workflows,
                });
            }

            var item = new JsonObject { ["name"] = library.Name };
            if (library.Title is not null)
            {
                item["title"] = library.Title;
            }

            item["versions"] = versions;
            answer.TryAppend(list, item, "libraries." + library.Name);
        }

        return answer.Finish("Ask with the exact library name to get only that library, or raise maxTokens.");
    }

    public async ValueTask<AgentDocAnswer> SearchOperationsAsync(string library, string? version, string query, int? limit, int? maxTokens, CancellationToken cancellationToken)
    {
        var (index, error) = await ResolveAsync(library, version, cancellationToken).ConfigureAwait(false);
        if (index is null)
        {
            return AgentDocAnswer.Error(error!);
        }

        var count = Math.Clamp(limit ?? 10, 1, Options.MaxSearchResults);
        var matches = index.SearchOperations(query, count);
        var answer = new BudgetedAnswer(index.Identity, Budget(maxTokens));
        answer.Root["query"] = query;
        var results = new JsonArray();
        answer.Root["results"] = results;
        foreach (var match in matches)
        {
            var operation = match.Operation;
            var item = new JsonObject
            {
                ["id"] = operation.Id,
                ["title"] = operation.Title,
                ["score"] = Math.Round(match.Score, 3),
            };
            if (operation.Http is { } http)
            {
                item["http"] = http.Method.ToUpperInvariant() + " " + http.Path;
            }

            item["purpose"] = Shorten(operation.Purpose, MaxPurposeCharacters);
            if (operation.Deprecated is not null)
            {
                item["deprecated"] = true;
            }

            answer.TryAppend(results, item, "results." + operation.Id);
        }

        if (matches.Count == 0)
        {
            answer.Root["hint"] = index.Document.Groups.Count > 0
                ? $"No operation matched these words. Try other words, or one of the groups: {NameList(index.Document.Groups.Select(g => g.Id), MaxNamesInError * 4)}."
                : "No operation matched these words; try other words (a verb and a noun work best: 'send email', 'list domains').";
        }

        return answer.Finish("Raise maxTokens, or lower limit and search with more specific words.");
    }

    public async ValueTask<AgentDocAnswer> GetOperationAsync(string library, string? version, string operationId, int? maxTokens, CancellationToken cancellationToken)
    {
        var (index, error) = await ResolveAsync(library, version, cancellationToken).ConfigureAwait(false);
        if (index is null)
        {
            return AgentDocAnswer.Error(error!);
        }

        var operation = index.FindOperation(operationId);
        if (operation is null)
        {
            return AgentDocAnswer.Error(UnknownOperation(index, operationId));
        }

        var answer = new BudgetedAnswer(index.Identity, Budget(maxTokens));

        // Parsed from text made once per operation: cheaper than building and cloning the schema trees on every call.
        var full = JsonNode.Parse(index.JsonText("operations/" + operation.Id, () => AgentDocJson.Operation(operation)))!.AsObject();
        var target = new JsonObject();
        answer.Root["operation"] = target;

        // Most useful first: what it is and how to call it, then what can go wrong, then the schemas.
        foreach (var key in (string[])["id", "title", "http", "purpose", "whenToUse", "auth", "deprecated", "effect", "idempotent", "sideEffects", "rateLimit"])
        {
            answer.TryAdd(target, key, Detach(full, key), "operation." + key);
        }

        var errors = Detach(full, "errors") as JsonArray;
        var errorSchemas = new List<(JsonObject Error, JsonNode Schema)>();
        var errorsKept = false;
        if (errors is not null)
        {
            foreach (var item in errors.OfType<JsonObject>())
            {
                if (Detach(item, "schema") is { } schema)
                {
                    errorSchemas.Add((item, schema));
                }
            }

            errorsKept = answer.TryAdd(target, "errors", errors, "operation.errors");
        }

        answer.AddSchema(target, "input", Detach(full, "input"), "operation.input");
        answer.AddSchema(target, "output", Detach(full, "output"), "operation.output");
        foreach (var key in (string[])["group", "tags", "docs"])
        {
            answer.TryAdd(target, key, Detach(full, key), "operation." + key);
        }

        var schemas = new JsonObject();
        foreach (var schema in index.SchemasUsedByOperation(operation))
        {
            answer.TryAddText(schemas, schema.Name, index.JsonText("schemas/" + schema.Name, () => schema.Schema), "schemas." + schema.Name);
        }

        if (schemas.Count > 0)
        {
            answer.Root["schemas"] = schemas;
        }

        // An error's schema only where its error was kept.
        foreach (var (item, schema) in errorSchemas)
        {
            var name = $"operation.errors[{item["status"]}].schema";
            if (!errorsKept)
            {
                answer.Skip("schema", schema, name);
            }
            else
            {
                answer.TryAdd(item, "schema", schema, name);
            }
        }

        if (Detach(full, "examples") is { } examples)
        {
            answer.TryAdd(answer.Root, "examples", examples, "examples");
        }

        var omittedSchemas = answer.Omitted.Where(n => n.StartsWith("schemas.", StringComparison.Ordinal)).ToList();
        var rest = answer.MaxTokensForAll <= Options.MaxTokensCap
            ? $"Call {AgentDocTools.GetOperation} again with maxTokens={answer.MaxTokensForAll} for the whole answer"
            : $"The whole answer is about {answer.MaxTokensForAll} tokens, over the {Options.MaxTokensCap} cap";
        if (omittedSchemas.Count > 0)
        {
            rest += $"; or fetch each omitted shared schema with {AgentDocTools.GetSchema} (name: {omittedSchemas[0].Substring("schemas.".Length)}, …)";
        }

        return answer.Finish(rest + ".");
    }

    public async ValueTask<AgentDocAnswer> GetWorkflowAsync(string library, string? version, string workflowId, int? maxTokens, CancellationToken cancellationToken)
    {
        var (index, error) = await ResolveAsync(library, version, cancellationToken).ConfigureAwait(false);
        if (index is null)
        {
            return AgentDocAnswer.Error(error!);
        }

        var workflow = index.FindWorkflow(workflowId);
        if (workflow is null)
        {
            var ids = index.Document.Workflows.Select(w => w.Id).ToList();
            return AgentDocAnswer.Error(ids.Count == 0
                ? $"{Pinned(index)} documents no workflows; search its operations with {AgentDocTools.SearchOperations} instead."
                : $"{Pinned(index)} has no workflow '{workflowId}'.{DidYouMean(workflowId, ids)} Its workflows: {NameList(ids, MaxNamesInError * 4)}.");
        }

        var answer = new BudgetedAnswer(index.Identity, Budget(maxTokens));
        var full = AgentDocJson.Workflow(workflow);
        var target = new JsonObject();
        answer.Root["workflow"] = target;
        foreach (var key in (string[])["id", "title", "goal", "inputs", "steps", "successCriteria"])
        {
            answer.TryAdd(target, key, Detach(full, key), "workflow." + key);
        }

        // What each step calls, so the agent can tell which operations to fetch without another search.
        var operations = new JsonObject();
        foreach (var id in workflow.Steps.Select(s => s.Operation).Distinct(StringComparer.Ordinal))
        {
            if (index.FindOperation(id) is { } operation)
            {
                var item = new JsonObject { ["title"] = operation.Title };
                if (operation.Http is { } http)
                {
                    item["http"] = http.Method.ToUpperInvariant() + " " + http.Path;
                }

                answer.TryAdd(operations, id, item, "operations." + id);
            }
        }

        answer.Root["operations"] = operations;
        return answer.Finish($"Raise maxTokens (the whole workflow is about {answer.MaxTokensForAll} tokens); get each step's operation with {AgentDocTools.GetOperation}.");
    }

    public async ValueTask<AgentDocAnswer> GetSchemaAsync(string library, string? version, string name, int? maxTokens, CancellationToken cancellationToken)
    {
        var (index, error) = await ResolveAsync(library, version, cancellationToken).ConfigureAwait(false);
        if (index is null)
        {
            return AgentDocAnswer.Error(error!);
        }

        var wanted = name.StartsWith(AgentDocSpec.SchemaReferencePrefix, StringComparison.Ordinal) ? name.Substring(AgentDocSpec.SchemaReferencePrefix.Length) : name;
        var schema = index.Document.Schemas.FirstOrDefault(s => s.Name == wanted);
        if (schema is null)
        {
            var names = index.Document.Schemas.Select(s => s.Name).ToList();
            return AgentDocAnswer.Error(names.Count == 0
                ? $"{Pinned(index)} has no shared schemas; its operations' schemas are inline (see {AgentDocTools.GetOperation})."
                : $"{Pinned(index)} has no schema '{wanted}'.{DidYouMean(wanted, names)} It has {names.Count} schemas; the ones an operation uses are listed by {AgentDocTools.GetOperation}.");
        }

        var answer = new BudgetedAnswer(index.Identity, Budget(maxTokens));
        answer.Root["name"] = schema.Name;
        answer.AddSchema(answer.Root, "schema", schema.Schema.DeepClone(), "schema");
        return answer.Finish($"Call {AgentDocTools.GetSchema} again with a larger maxTokens (the whole schema is about {answer.MaxTokensForAll} tokens); the schemas it refers to ($ref) are fetched the same way.");
    }

    /// <summary>The index for <paramref name="library"/> at <paramref name="version"/> (the newest when null), or an error naming what exists.</summary>
    private async ValueTask<(AgentDocIndex? Index, string? Error)> ResolveAsync(string library, string? version, CancellationToken cancellationToken)
    {
        var libraries = await _catalog.ListLibrariesAsync(cancellationToken).ConfigureAwait(false);
        var wanted = library.Trim();
        var found = libraries.FirstOrDefault(l => l.Name == wanted) ?? libraries.FirstOrDefault(l => string.Equals(l.Name, wanted, StringComparison.OrdinalIgnoreCase));
        if (found is null)
        {
            if (libraries.Count == 0)
            {
                return (null, "No agent-docs are served here yet.");
            }

            return (null, $"No agent-doc for library '{wanted}'.{DidYouMean(wanted, libraries.Select(l => l.Name))} Libraries served: {NameList(libraries.Select(l => l.Name), MaxNamesInError * 4)}; {AgentDocTools.ResolveLibrary} finds one by words.");
        }

        var pinned = string.IsNullOrWhiteSpace(version)
            ? found.Versions[0]
            : found.Versions.FirstOrDefault(v => v.Version == version.Trim())
                ?? found.Versions.FirstOrDefault(v => AgentDocVersionComparer.Instance.Compare(v.Version, version.Trim()) == 0);
        if (pinned is null)
        {
            return (null, $"{found.Name} has no version '{version}'. Its versions, newest first: {NameList(found.Versions.Select(v => v.Version), MaxNamesInError * 4)}. Leave version out for the newest.");
        }

        var index = await _catalog.FindAsync(found.Name, pinned.Version, cancellationToken).ConfigureAwait(false);
        return index is null
            ? (null, $"{found.Name} {pinned.Version} was listed but is no longer served; call {AgentDocTools.ResolveLibrary} for the versions served now.")
            : (index, null);
    }

    private static string UnknownOperation(AgentDocIndex index, string operationId)
    {
        var ids = index.Document.Operations.Select(o => o.Id).ToList();
        var near = ClosestNames.Find(operationId, ids, MaxNamesInError).ToList();

        // "sendEmail" or "send_email" also finds emails/send by its words.
        foreach (var match in index.SearchOperations(Words(operationId), MaxNamesInError))
        {
            if (near.Count < MaxNamesInError && !near.Contains(match.Operation.Id))
            {
                near.Add(match.Operation.Id);
            }
        }

        var closest = near.Count > 0 ? $" Closest: {string.Join(", ", near)}." : string.Empty;
        return $"{Pinned(index)} has no operation '{operationId}'.{closest} It has {ids.Count} operations; find one by intent with {AgentDocTools.SearchOperations}.";
    }

    // "sendEmail", "send_email" and "emails/send" as words: "send Email", "send email", "emails send".
    private static string Words(string id)
    {
        var words = new System.Text.StringBuilder(id.Length + 8);
        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            if (i > 0 && char.IsUpper(c) && char.IsLower(id[i - 1]))
            {
                words.Append(' ');
            }

            words.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return words.ToString();
    }

    private static string Pinned(AgentDocIndex index) => $"{index.Identity.Name} {index.Identity.Version} ({index.Identity.ContentHash})";

    private static string DidYouMean(string wanted, IEnumerable<string> names)
    {
        var closest = ClosestNames.Find(wanted, names, MaxNamesInError);
        return closest.Count > 0 ? $" Closest: {string.Join(", ", closest)}." : string.Empty;
    }

    private static string NameList(IEnumerable<string> names, int max)
    {
        var list = names.ToList();
        return list.Count <= max ? string.Join(", ", list) : string.Join(", ", list.Take(max)) + $" and {list.Count - max} more";
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text.Substring(0, max - 1).TrimEnd() + "…";

    private static JsonNode? Detach(JsonObject json, string key)
    {
        if (!json.TryGetPropertyValue(key, out var node))
        {
            return null;
        }

        json.Remove(key);
        return node;
    }
}
