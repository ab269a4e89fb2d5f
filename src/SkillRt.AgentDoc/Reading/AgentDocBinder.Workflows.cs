using System;
using System.Collections.Generic;

namespace SkillRt.AgentDoc;

internal sealed partial class AgentDocBinder
{
    private const string StepsPrefix = "$steps.";
    private const string InputsPrefix = "$inputs.";

    private List<AgentDocWorkflow> BindWorkflows(YamlFields fields)
    {
        var workflows = new List<AgentDocWorkflow>();
        var workflowIds = new Dictionary<string, FrontmatterScalar>(StringComparer.Ordinal);
        foreach (var item in fields.Items("workflows"))
        {
            if (BindWorkflow(item, workflowIds) is { } workflow)
            {
                workflows.Add(workflow);
            }
        }

        return workflows;
    }

    private AgentDocWorkflow? BindWorkflow(YamlFields fields, Dictionary<string, FrontmatterScalar> workflowIds)
    {
        fields.CheckKeys("id", "title", "goal", "inputs", "steps", "successCriteria");
        var id = DefineId(fields, "id", workflowIds, "workflow", "the workflow's stable ID");
        var title = fields.String("title", "a short title");
        var goal = fields.String("goal", "what the workflow achieves and when to use it");

        var inputs = new List<AgentDocWorkflowInput>();
        var inputNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in fields.Items("inputs"))
        {
            item.CheckKeys("name", "description", "required");
            var name = Matching(item, "name", AgentDocRules.Id, AgentDocRules.IdRule, "the name steps use as '$inputs.name'");
            if (name is not null)
            {
                inputNames.Add(name);
                inputs.Add(new AgentDocWorkflowInput(name, item.String("description"), item.Bool("required") ?? true));
            }
        }

        var steps = new List<AgentDocWorkflowStep>();
        var stepIds = new Dictionary<string, FrontmatterScalar>(StringComparer.Ordinal);
        if (fields.Sequence("steps", "the steps, in the order they run") is { Items.Count: 0 } empty)
        {
            fields.Report(AgentDocDiagnosticDescriptors.InvalidValue, empty.Span, fields.PlaceOf("steps"), "[]", "a workflow has at least one step");
        }

        foreach (var item in fields.Items("steps"))
        {
            item.CheckKeys("id", "operation", "description", "inputs", "successCriteria");
            var stepId = DefineId(item, "id", stepIds, "step", "the step's ID, which later steps use as '$steps.id'");
            var operation = item.String("operation", "the ID of the operation the step calls");
            Refer(item, "operation", "operation");

            var values = new List<KeyValuePair<string, string>>();
            if (item.Child("inputs") is { } inputFields)
            {
                foreach (var entry in inputFields.Mapping.Entries)
                {
                    if (entry.Value is not FrontmatterScalar scalar)
                    {
                        item.Report(AgentDocDiagnosticDescriptors.WrongType, entry.Value.Span, "'" + inputFields.PlaceOf(entry.Name) + "'", "text: a literal, '$inputs.name' or '$steps.id.output…'", entry.Value.KindDescription);
                        continue;
                    }

                    CheckExpression(inputFields.PlaceOf(entry.Name), scalar, stepIds, inputNames);
                    values.Add(new KeyValuePair<string, string>(entry.Name, scalar.Value));
                }
            }

            if (stepId is not null && operation is not null)
            {
                steps.Add(new AgentDocWorkflowStep
                {
                    Id = stepId,
                    Operation = operation,
                    Description = item.String("description"),
                    Inputs = values,
                    SuccessCriteria = item.Strings("successCriteria"),
                });
            }
        }

        return id is null || title is null || goal is null ? null : new AgentDocWorkflow
        {
            Id = id,
            Title = title,
            Goal = goal,
            Inputs = inputs,
            Steps = steps,
            SuccessCriteria = fields.Strings("successCriteria"),
        };
    }

    // '$steps.x…' must name a step defined above this one (steps run in order); '$inputs.x' a declared input.
    private void CheckExpression(string place, FrontmatterScalar value, Dictionary<string, FrontmatterScalar> earlierSteps, HashSet<string> inputNames)
    {
        var text = value.Value;
        if (text.StartsWith(StepsPrefix, StringComparison.Ordinal))
        {
            var name = FirstSegment(text.Substring(StepsPrefix.Length));
            if (!earlierSteps.ContainsKey(name))
            {
                _diagnostics.Add(AgentDocDiagnosticDescriptors.UnknownReference.Create(value.Span, place, text, "a step", $"'{name}' must be the ID of a step above this one, since steps run in order"));
            }
        }
        else if (text.StartsWith(InputsPrefix, StringComparison.Ordinal))
        {
            var name = FirstSegment(text.Substring(InputsPrefix.Length));
            if (!inputNames.Contains(name))
            {
                _diagnostics.Add(AgentDocDiagnosticDescriptors.UnknownReference.Create(value.Span, place, text, "a workflow input", $"declare '{name}' under the workflow's 'inputs'"));
            }
        }
    }

    private static string FirstSegment(string text)
    {
        var end = text.IndexOfAny(['.', '[']);
        return end < 0 ? text : text.Substring(0, end);
    }
}
