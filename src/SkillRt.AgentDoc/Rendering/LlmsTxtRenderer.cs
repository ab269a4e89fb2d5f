using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SkillRt.AgentDoc;

/// <summary>
/// Renders an agent-doc in the llms.txt convention (llmstxt.org), so one source feeds both: <c>llms.txt</c>
/// is the index (an H1 title, the summary as a block quote, then one H2 section per group listing its
/// operations as links, and an "Optional" section of human docs); <c>llms-full.txt</c> holds everything,
/// each operation under its own heading with its schemas, errors, examples and effects.
/// </summary>
public static class LlmsTxtRenderer
{
    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The llms.txt index.</summary>
    public static string RenderIndex(AgentDocument document, LlmsTxtOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        options ??= new LlmsTxtOptions();
        var text = new StringBuilder();
        Header(document, text);
        foreach (var (title, operations) in Sections(document))
        {
            text.Append("\n## ").Append(title).Append("\n\n");
            foreach (var operation in operations)
            {
                var url = operation.Docs ?? options.FullTextUrl + "#" + Anchor(operation.Id);
                text.Append("- [").Append(operation.Title).Append("](").Append(url).Append("): ")
                    .Append(OneLine(operation.Purpose));
                if (operation.Http is { } http)
                {
                    text.Append(" `").Append(http.Method).Append(' ').Append(http.Path).Append('`');
                }

                if (operation.Deprecated is not null)
                {
                    text.Append(" (deprecated)");
                }

                text.Append('\n');
            }
        }

        if (document.Workflows.Count > 0)
        {
            text.Append("\n## Workflows\n\n");
            foreach (var workflow in document.Workflows)
            {
                text.Append("- [").Append(workflow.Title).Append("](").Append(options.FullTextUrl).Append("#workflow-").Append(Anchor(workflow.Id)).Append("): ")
                    .Append(OneLine(workflow.Goal)).Append('\n');
            }
        }

        // llms.txt's "Optional" section: what an agent may skip when its context is short.
        var links = document.Links.ToList();
        if (links.Count > 0)
        {
            text.Append("\n## Optional\n\n");
            foreach (var link in links)
            {
                text.Append("- [").Append(link.Title).Append("](").Append(link.Url).Append(')');
                text.Append(link.Kind is null ? "\n" : ": " + link.Kind + "\n");
            }
        }

        return text.ToString();
    }

    /// <summary>llms-full.txt: the whole document as Markdown, nothing left out but layout.</summary>
    public static string RenderFull(AgentDocument document, LlmsTxtOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        options ??= new LlmsTxtOptions();
        var text = new StringBuilder();
        Header(document, text);
        Identity(document.Identity, text);

        if (document.Concepts.Count > 0)
        {
            text.Append("\n## Concepts\n\n");
            foreach (var concept in document.Concepts)
            {
                text.Append("- **").Append(concept.Name).Append("**: ").Append(OneLine(concept.Description)).Append('\n');
            }
        }

        if (document.Authentication.Count > 0 || document.BaseUrls.Count > 0)
        {
            text.Append("\n## Authentication and base URLs\n\n");
            foreach (var auth in document.Authentication)
            {
                text.Append("- `").Append(auth.Id).Append("`: ").Append(auth.Type);
                AppendIf(text, " ", auth.Scheme);
                if (auth.In is not null)
                {
                    text.Append(" in ").Append(auth.In).Append(" `").Append(auth.ParameterName).Append('`');
                }

                AppendIf(text, ". ", auth.Description is null ? null : OneLine(auth.Description));
                if (auth.Scopes.Count > 0)
                {
                    text.Append(" Scopes: ").Append(string.Join(", ", auth.Scopes.Select(s => "`" + s + "`")));
                }

                text.Append('\n');
            }

            foreach (var url in document.BaseUrls)
            {
                text.Append("- Base URL: ").Append(url).Append('\n');
            }
        }

        foreach (var (title, operations) in Sections(document))
        {
            text.Append("\n## ").Append(title).Append('\n');
            if (document.Groups.FirstOrDefault(g => g.Title == title)?.Description is { } description)
            {
                text.Append('\n').Append(description).Append('\n');
            }

            foreach (var operation in operations)
            {
                Operation(operation, text);
            }
        }

        foreach (var workflow in document.Workflows)
        {
            Workflow(workflow, text);
        }

        if (options.IncludeSchemas && document.Schemas.Count > 0)
        {
            text.Append("\n## Schemas\n\nShared JSON Schemas, referred to as `#/schemas/Name`.\n");
            foreach (var schema in document.Schemas)
            {
                text.Append("\n### ").Append(schema.Name).Append("\n\n");
                Json(schema.Schema, text);
            }
        }

        if (document.Links.Count > 0)
        {
            text.Append("\n## Links\n\n");
            foreach (var link in document.Links)
            {
                text.Append("- [").Append(link.Title).Append("](").Append(link.Url).Append(")\n");
            }
        }

        return text.ToString();
    }

    private static void Header(AgentDocument document, StringBuilder text)
    {
        text.Append("# ").Append(document.Identity.Title ?? document.Identity.Name).Append("\n\n");
        foreach (var line in document.Summary.Split('\n'))
        {
            text.Append("> ").Append(line).Append('\n');
        }

        text.Append('\n').Append(CultureInfo.InvariantCulture, $"agent-doc `{document.Identity.Name}` version `{document.Identity.Version}`");
        if (document.Identity.ContentHash is { } hash)
        {
            text.Append(", content hash `").Append(hash).Append('`');
        }

        text.Append(".\n");
    }

    private static void Identity(AgentDocIdentity identity, StringBuilder text)
    {
        if (identity.Source is { } source)
        {
            text.Append("Generated from ").Append(source.Kind);
            AppendIf(text, " ", source.FormatVersion);
            AppendIf(text, " `", source.Uri, "`");
            AppendIf(text, " (", source.Sha256, ")");
            text.Append(".\n");
        }
    }

    private static void Operation(AgentDocOperation operation, StringBuilder text)
    {
        text.Append("\n### ").Append(operation.Title).Append(" {#").Append(Anchor(operation.Id)).Append("}\n\n");
        text.Append("ID `").Append(operation.Id).Append('`');
        if (operation.Http is { } http)
        {
            text.Append(" · `").Append(http.Method).Append(' ').Append(http.Path).Append('`');
            AppendIf(text, " · body `", http.ContentType, "`");
        }

        if (operation.Auth.Count > 0)
        {
            text.Append(" · auth ").Append(string.Join(" or ", operation.Auth.Select(a => "`" + a + "`")));
        }

        text.Append("\n\n").Append(operation.Purpose).Append('\n');
        AppendIf(text, "\nWhen to use: ", operation.WhenToUse, "\n");
        if (operation.Deprecated is { } deprecated)
        {
            text.Append("\nDeprecated");
            AppendIf(text, " since ", deprecated.Since);
            AppendIf(text, "; use `", deprecated.Replacement, "` instead");
            AppendIf(text, ". ", deprecated.Note);
            text.Append('\n');
        }

        var effects = new List<string>();
        if (operation.Effect is not null)
        {
            effects.Add("effect: " + operation.Effect);
        }

        if (operation.Idempotent is { } idempotent)
        {
            effects.Add(idempotent ? "idempotent" : "not idempotent");
        }

        effects.AddRange(operation.SideEffects);
        if (effects.Count > 0)
        {
            text.Append("\nEffects: ").Append(string.Join("; ", effects)).Append('\n');
        }

        AppendIf(text, "\nRate limit: ", operation.RateLimit?.Description, "\n");
        if (operation.Input is not null)
        {
            text.Append("\nInput schema:\n\n");
            Json(operation.Input, text);
        }

        if (operation.Output is not null)
        {
            text.Append("\nOutput schema:\n\n");
            Json(operation.Output, text);
        }

        if (operation.Errors.Count > 0)
        {
            text.Append("\nErrors:\n\n");
            foreach (var error in operation.Errors)
            {
                text.Append("- `").Append(error.Status).Append('`');
                AppendIf(text, " `", error.Code, "`");
                text.Append(": ").Append(OneLine(error.Meaning)).Append(" Remedy: ").Append(OneLine(error.Remedy));
                if (error.Retryable == true)
                {
                    text.Append(" (retryable)");
                }

                text.Append('\n');
            }
        }

        foreach (var example in operation.Examples)
        {
            text.Append("\nExample").Append(example.Title is null ? ":" : " (" + example.Title + "):").Append("\n\n");
            if (example.Input is not null)
            {
                text.Append("Input:\n\n");
                Json(example.Input, text);
            }

            if (example.Output is not null)
            {
                text.Append("Output:\n\n");
                Json(example.Output, text);
            }
        }

        AppendIf(text, "\nDocs: ", operation.Docs, "\n");
    }

    private static void Workflow(AgentDocWorkflow workflow, StringBuilder text)
    {
        text.Append("\n## Workflow: ").Append(workflow.Title).Append(" {#workflow-").Append(Anchor(workflow.Id)).Append("}\n\n").Append(workflow.Goal).Append('\n');
        if (workflow.Inputs.Count > 0)
        {
            text.Append("\nInputs:\n\n");
            foreach (var input in workflow.Inputs)
            {
                text.Append("- `").Append(input.Name).Append('`').Append(input.Required ? " (required)" : string.Empty);
                AppendIf(text, ": ", input.Description);
                text.Append('\n');
            }
        }

        text.Append("\nSteps:\n\n");
        var number = 1;
        foreach (var step in workflow.Steps)
        {
            text.Append(number++.ToString(CultureInfo.InvariantCulture)).Append(". `").Append(step.Id).Append("`: call `").Append(step.Operation).Append('`');
            AppendIf(text, ". ", step.Description);
            text.Append('\n');
            foreach (var (key, value) in step.Inputs)
            {
                text.Append("   - `").Append(key).Append("` = `").Append(value).Append("`\n");
            }

            foreach (var criterion in step.SuccessCriteria)
            {
                text.Append("   - succeeds when `").Append(criterion).Append("`\n");
            }
        }

        if (workflow.SuccessCriteria.Count > 0)
        {
            text.Append("\nDone when: ").Append(string.Join("; ", workflow.SuccessCriteria.Select(c => "`" + c + "`"))).Append('\n');
        }
    }

    // Operations by group, in the order groups are listed; ungrouped ones last under "Operations".
    private static IEnumerable<(string Title, List<AgentDocOperation> Operations)> Sections(AgentDocument document)
    {
        foreach (var group in document.Groups)
        {
            var operations = document.Operations.Where(o => o.Group == group.Id).ToList();
            if (operations.Count > 0)
            {
                yield return (group.Title, operations);
            }
        }

        var known = new HashSet<string>(document.Groups.Select(g => g.Id), StringComparer.Ordinal);
        var rest = document.Operations.Where(o => o.Group is null || !known.Contains(o.Group)).ToList();
        if (rest.Count > 0)
        {
            yield return ("Operations", rest);
        }
    }

    private static void Json(JsonNode node, StringBuilder text) =>
        text.Append("```json\n").Append(node.ToJsonString(CompactJson)).Append("\n```\n");

    /// <summary>The anchor of an ID: lowercase letters, digits and '-'.</summary>
    internal static string Anchor(string id) => AgentText.Slug(id) is { Length: > 0 } slug ? slug : "operation";

    private static string OneLine(string text) => text.Replace("\r", string.Empty, StringComparison.Ordinal).Replace('\n', ' ').Trim();

    private static void AppendIf(StringBuilder text, string before, string? value, string after = "")
    {
        if (!string.IsNullOrEmpty(value))
        {
            text.Append(before).Append(value).Append(after);
        }
    }
}
