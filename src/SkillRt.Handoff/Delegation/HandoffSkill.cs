using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SkillRt.Handoff.Delegation;

/// <summary>
/// The child task as a skill: a SKILL.md written from the envelope and parsed by SkillRt's own
/// parser, so the child runs through the real runner — input checked against the input schema,
/// the output against the output schema, with the runner's repair loop.
/// </summary>
/// <remarks>
/// The input is one <c>json</c> input named <c>input</c> carrying the envelope's input schema; the
/// output is <c>json</c> with the envelope's output schema. Schemas are written into the frontmatter
/// as JSON, which is YAML flow syntax. The instructions are wrapped in <c>{% raw %}</c>, since a
/// skill with inputs is a Liquid template and a goal may well contain <c>{{</c>.
/// </remarks>
internal static partial class HandoffSkill
{
    public const string InputName = "input";

    /// <summary>Writes the SKILL.md text for an envelope.</summary>
    public static string Write(HandoffEnvelope envelope)
    {
        var text = new StringBuilder();
        text.Append("---\n");
        text.Append("name: handoff-task\n");
        text.Append("description: ").Append(Json(JsonSerializer.SerializeToElement("Delegated task " + envelope.TaskId, Serialization.HandoffJsonContext.Default.String))).Append('\n');
        if (envelope.Input is not null)
        {
            text.Append("inputs:\n");
            text.Append("  - name: ").Append(InputName).Append('\n');
            text.Append("    type: json\n");
            text.Append("    required: true\n");
            if (envelope.InputSchema is { } inputSchema)
            {
                text.Append("    schema: ").Append(Json(inputSchema)).Append('\n');
            }
        }

        text.Append("outputs:\n");
        text.Append("  type: json\n");
        text.Append("  schema: ").Append(Json(envelope.OutputSchema)).Append('\n');
        if (envelope.Grants?.Permissions is { } permissions)
        {
            text.Append("permissions:\n");
            AppendList(text, "network", permissions.Network);
            AppendList(text, "filesystem", permissions.Filesystem);
            AppendList(text, "env", permissions.Env);
        }

        text.Append("---\n");
        text.Append("{% raw %}\n").Append(Neutralize(Instructions(envelope))).Append("\n{% endraw %}\n");
        return text.ToString();
    }

    /// <summary>The child's instructions: the goal, the context the policy lets through, and the criteria in words.</summary>
    public static string Instructions(HandoffEnvelope envelope)
    {
        var text = new StringBuilder();
        text.Append("You are doing a task another agent delegated to you. Do exactly this task and answer with its output.\n\n");
        text.Append("## Goal\n\n").Append(envelope.Goal.Trim()).Append("\n\n");
        if (envelope.Input is not null)
        {
            text.Append("The task's input is the JSON value of \"input\" in the user message.\n\n");
        }

        if (envelope.Context is { } context)
        {
            switch (context.Mode)
            {
                case HandoffContextMode.Summary when context.Summary is { } summary:
                    text.Append("## What happened so far\n\n").Append(summary.Trim()).Append("\n\n");
                    break;
                case HandoffContextMode.Messages or HandoffContextMode.Full when context.Messages is { Count: > 0 } messages:
                    text.Append("## The conversation so far\n\n");
                    foreach (var message in messages)
                    {
                        text.Append("**").Append(message.Role).Append("**: ").Append(message.Content.Trim()).Append("\n\n");
                    }

                    break;
            }

            if (context.Artifacts is { Count: > 0 } artifacts)
            {
                text.Append("## Artifacts\n\n");
                foreach (var artifact in artifacts)
                {
                    text.Append("### ").Append(artifact.Name);
                    if (artifact.MediaType is { } mediaType)
                    {
                        text.Append(" (").Append(mediaType).Append(')');
                    }

                    text.Append("\n\n");
                    if (artifact.Uri is { } uri)
                    {
                        text.Append("At ").Append(uri).Append("\n\n");
                    }

                    if (artifact.Text is { } content)
                    {
                        text.Append(content.Trim()).Append("\n\n");
                    }
                }
            }
        }

        text.Append("## Done means\n\n");
        text.Append("- The answer is a JSON value that satisfies the output schema.\n");
        if (envelope.Criteria?.Assertions is { } assertions)
        {
            foreach (var assertion in assertions)
            {
                text.Append("- ").Append(Describe(assertion)).Append('\n');
            }
        }

        if (envelope.Criteria?.Rubric is { } rubric)
        {
            text.Append("- A reviewer will grade the answer on this: ").Append(rubric.Instructions.Trim()).Append('\n');
        }

        return text.ToString();
    }

    private static string Describe(HandoffAssertion assertion)
    {
        var at = assertion.Path.Length == 0 ? "The whole output" : "The value at JSON Pointer " + assertion.Path;
        var operand = assertion.Value is { } value ? value.GetRawText() : string.Empty;
        return assertion.Op switch
        {
            HandoffAssertionOperator.Exists => at + " exists.",
            HandoffAssertionOperator.Absent => at + " is left out.",
            HandoffAssertionOperator.Equal => at + " equals " + operand + ".",
            HandoffAssertionOperator.NotEqual => at + " does not equal " + operand + ".",
            HandoffAssertionOperator.LessThan => at + " is a number less than " + operand + ".",
            HandoffAssertionOperator.AtMost => at + " is a number at most " + operand + ".",
            HandoffAssertionOperator.GreaterThan => at + " is a number greater than " + operand + ".",
            HandoffAssertionOperator.AtLeast => at + " is a number at least " + operand + ".",
            HandoffAssertionOperator.Contains => at + " contains " + operand + ".",
            HandoffAssertionOperator.Matches => at + " is a string matching the regular expression " + operand + ".",
            HandoffAssertionOperator.MinLength => at + " has a length of at least " + operand + ".",
            _ => at + " has a length of at most " + operand + ".",
        };
    }

    private static void AppendList(StringBuilder text, string key, System.Collections.Generic.IReadOnlyList<string>? values)
    {
        if (values is { Count: > 0 })
        {
            text.Append("  ").Append(key).Append(": ").Append(Json(JsonSerializer.SerializeToElement(values, Serialization.HandoffJsonContext.Default.IReadOnlyListString))).Append('\n');
        }
    }

    // Compact JSON on one line: flow YAML that SkillRt's parser reads as the same value.
    private static string Json(JsonElement value)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            value.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // Only {% endraw %} could end the raw block early; a zero-width space keeps it text.
    private static string Neutralize(string text) => EndRaw().Replace(text, "{\u200B%");

    [GeneratedRegex(@"\{%(?=-?\s*endraw)")]
    private static partial Regex EndRaw();
}
