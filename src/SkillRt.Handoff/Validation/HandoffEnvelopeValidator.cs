using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using SkillRt.Schemas;

namespace SkillRt.Handoff;

/// <summary>
/// Checks an envelope before anything runs: first against spec/handoff-envelope.schema.json, then
/// what a schema cannot say (a deadline already past, schemas that do not compile, an input that
/// breaks its schema, a regular expression that does not compile, a rubric nobody can grade, a grant
/// the parent does not hold). Every problem is located by a JSON Pointer into the envelope.
/// </summary>
/// <example>
/// <code>
/// var problems = HandoffEnvelopeValidator.Validate(envelope, new HandoffValidationContext { ParentGrants = myGrants });
/// foreach (var problem in problems) Console.WriteLine(problem); // /budget/deadline: …
/// </code>
/// </example>
public static class HandoffEnvelopeValidator
{
    private static readonly string Operators = string.Join(", ", Enum.GetNames<HandoffAssertionOperator>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]));

    /// <summary>Checks an envelope given as JSON, as it arrives from outside.</summary>
    /// <param name="envelope">The envelope's JSON.</param>
    /// <param name="context">The clock, the parent's grants and the graders; <see cref="HandoffValidationContext.Default"/> when <see langword="null"/>.</param>
    /// <returns>Every problem found; empty when the envelope is valid.</returns>
    public static IReadOnlyList<HandoffProblem> Validate(JsonElement envelope, HandoffValidationContext? context = null) =>
        TryRead(envelope, context, out _, out var problems) ? [] : problems;

    /// <summary>Checks an envelope built in code.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <param name="context">The clock, the parent's grants and the graders; <see cref="HandoffValidationContext.Default"/> when <see langword="null"/>.</param>
    /// <returns>Every problem found; empty when the envelope is valid.</returns>
    public static IReadOnlyList<HandoffProblem> Validate(HandoffEnvelope envelope, HandoffValidationContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return Validate(JsonSerializer.SerializeToElement(envelope, HandoffJson.Envelope), context);
    }

    /// <summary>Checks an envelope given as JSON and reads it.</summary>
    /// <param name="json">The envelope's JSON.</param>
    /// <param name="context">The clock, the parent's grants and the graders; <see cref="HandoffValidationContext.Default"/> when <see langword="null"/>.</param>
    /// <param name="envelope">The envelope, when valid.</param>
    /// <param name="problems">Every problem found; empty when valid.</param>
    /// <returns>Whether the envelope is valid.</returns>
    public static bool TryRead(JsonElement json, HandoffValidationContext? context, out HandoffEnvelope? envelope, out IReadOnlyList<HandoffProblem> problems)
    {
        context ??= HandoffValidationContext.Default;
        envelope = null;
        var found = new List<HandoffProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var error in HandoffSchemas.Envelope.Validate(json))
        {
            // Conditional schemas (if/then/else, anyOf) repeat the same complaint from several branches.
            var message = Explain(error);
            if (seen.Add(error.InstanceLocation + "\n" + message))
            {
                found.Add(new HandoffProblem(error.InstanceLocation, message));
            }
        }

        if (found.Count == 0)
        {
            try
            {
                envelope = json.Deserialize(HandoffJson.Envelope);
            }
            catch (JsonException exception)
            {
                // The schema and the records agree, so this is a value the schema allows and .NET cannot hold (a date like 2026-02-30).
                found.Add(new HandoffProblem(PointerOf(exception.Path), "The value cannot be read: " + exception.Message));
            }

            if (envelope is not null)
            {
                CheckMeaning(envelope, context, found);
            }
        }

        problems = found;
        if (found.Count > 0)
        {
            envelope = null;
            return false;
        }

        return true;
    }

    private static void CheckMeaning(HandoffEnvelope envelope, HandoffValidationContext context, List<HandoffProblem> problems)
    {
        if (envelope.Budget.Deadline is { } deadline && deadline <= context.TimeProvider.GetUtcNow())
        {
            problems.Add(new HandoffProblem("/budget/deadline", string.Create(CultureInfo.InvariantCulture,
                $"The deadline {deadline:O} has already passed (it is now {context.TimeProvider.GetUtcNow():O}); give a deadline in the future, or leave it out for none.")));
        }

        JsonSchemaValidator? inputSchema = null;
        if (envelope.InputSchema is { } input)
        {
            inputSchema = Compile(input, "/inputSchema", problems);
        }

        Compile(envelope.OutputSchema, "/outputSchema", problems);
        if (inputSchema is not null)
        {
            if (envelope.Input is not { } value)
            {
                problems.Add(new HandoffProblem("/input", "The envelope has an inputSchema but no input; add the input, or remove the inputSchema."));
            }
            else
            {
                foreach (var error in inputSchema.Validate(value))
                {
                    problems.Add(new HandoffProblem("/input" + error.InstanceLocation, error.Message + " (the envelope's inputSchema requires it)."));
                }
            }
        }

        if (envelope.Criteria?.Assertions is { } assertions)
        {
            for (var i = 0; i < assertions.Count; i++)
            {
                if (assertions[i] is { Op: HandoffAssertionOperator.Matches, Value: { ValueKind: JsonValueKind.String } pattern })
                {
                    try
                    {
                        _ = new Regex(pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1));
                    }
                    catch (ArgumentException exception)
                    {
                        problems.Add(new HandoffProblem($"/criteria/assertions/{i}/value", "The regular expression does not compile: " + exception.Message + " Fix the pattern (ECMA-262 syntax)."));
                    }
                }
            }
        }

        if (envelope.Criteria?.Rubric is { } rubric)
        {
            if (rubric.Grader is null && !context.HasDefaultGrader)
            {
                problems.Add(new HandoffProblem("/criteria/rubric/grader", "The rubric names no grader and the delegator has no default one, so it cannot be evaluated; name a grader model, or set DelegateOptions.Grader."));
            }
            else if (rubric.Grader is { } grader && context.IsKnownModel is { } known && !known(grader))
            {
                problems.Add(new HandoffProblem("/criteria/rubric/grader", $"No chat client is registered for the grader model '{grader}'; register it with services.AddKeyedChatClient(\"{grader}\", …) or name one that is."));
            }
        }

        CheckGrants(envelope.Grants, context.ParentGrants, problems);
    }

    private static JsonSchemaValidator? Compile(JsonElement schema, string path, List<HandoffProblem> problems)
    {
        try
        {
            return JsonSchemaValidator.Create(schema);
        }
        catch (ArgumentException exception)
        {
            problems.Add(new HandoffProblem(path, "The schema does not compile: " + exception.Message));
            return null;
        }
    }

    private static void CheckGrants(HandoffGrants? grants, HandoffGrants? parent, List<HandoffProblem> problems)
    {
        if (grants is null)
        {
            return;
        }

        Subset(grants.Tools, parent?.Tools, "/grants/tools", "tool", static (held, wanted) => held == wanted, problems);
        Subset(grants.Permissions?.Network, parent?.Permissions?.Network, "/grants/permissions/network", "network host", CoversHost, problems);
        Subset(grants.Permissions?.Filesystem, parent?.Permissions?.Filesystem, "/grants/permissions/filesystem", "filesystem glob", static (held, wanted) => held == wanted || held == "**", problems);
        Subset(grants.Permissions?.Env, parent?.Permissions?.Env, "/grants/permissions/env", "environment variable", static (held, wanted) => held == wanted, problems);
    }

    private static void Subset(
        IReadOnlyList<string>? wanted, IReadOnlyList<string>? held, string path, string noun, Func<string, string, bool> covers, List<HandoffProblem> problems)
    {
        if (wanted is null)
        {
            return;
        }

        for (var i = 0; i < wanted.Count; i++)
        {
            if (held is null || !held.Any(h => covers(h, wanted[i])))
            {
                problems.Add(new HandoffProblem($"{path}/{i}",
                    $"The {noun} '{wanted[i]}' is granted to the child, but the parent does not hold it; a handoff can only pass on what the parent holds. Remove it from the grants{(held is { Count: > 0 } ? " (the parent holds: " + string.Join(", ", held) + ")" : " (the parent holds none)")}."));
            }
        }
    }

    // "*" covers every host, "*.example.com" every subdomain of example.com, anything else itself.
    private static bool CoversHost(string held, string wanted) =>
        held == "*"
        || string.Equals(held, wanted, StringComparison.OrdinalIgnoreCase)
        || (held.StartsWith("*.", StringComparison.Ordinal) && wanted.EndsWith(held[1..], StringComparison.OrdinalIgnoreCase) && !wanted.StartsWith('*'));

    private static string Explain(JsonSchemaError error)
    {
        var location = error.InstanceLocation;
        var keyword = error.SchemaLocation[(error.SchemaLocation.LastIndexOf('/') + 1)..];
        var hint = (location, keyword) switch
        {
            ("/budget", "minProperties") => "Set at least one limit: inputTokens, outputTokens, totalTokens, costUsd, turns or deadline.",
            (_, "minimum" or "exclusiveMinimum") when location.StartsWith("/budget/", StringComparison.Ordinal) =>
                "A budget of zero allows nothing; give a positive limit, or leave the field out for no limit.",
            ("/budget/deadline", "pattern") => "Write the deadline in RFC 3339 with an offset, such as 2026-12-07T18:00:00Z.",
            ("/traceContext/traceparent", "pattern") => "Use the W3C form 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>, such as Activity.Current.Id.",
            (_, "enum") when location.EndsWith("/op", StringComparison.Ordinal) => "Use one of the operators of HANDOFF-SPEC section 3.4: " + Operators + ".",
            ("/handoff", "const") => "This library reads handoff version " + HandoffEnvelope.CurrentVersion + ".",
            (_, "required") => "Add it (HANDOFF-SPEC section 3).",
            (_, "additionalProperties" or "unevaluatedProperties" or "false") => "Remove it, or check its spelling against HANDOFF-SPEC section 3.",
            _ => null,
        };
        var message = error.Message.TrimEnd('.') + ".";
        return hint is null ? message : message + " " + hint;
    }

    private static string PointerOf(string? jsonPath)
    {
        // System.Text.Json reports "$.budget.deadline"; the spec locates by JSON Pointer.
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return string.Empty;
        }

        var pointer = jsonPath.TrimStart('$').Replace("['", ".", StringComparison.Ordinal).Replace("']", string.Empty, StringComparison.Ordinal)
            .Replace("[", ".", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal);
        return pointer.Replace('.', '/');
    }
}
