using System;
using System.Collections.Generic;

namespace SkillRt;

/// <summary>The <c>dependencies.agent-docs</c> list: <c>name@range</c> strings or <c>{doc, operations}</c> mappings.</summary>
internal sealed partial class ManifestBinder
{
    private const string AgentDocsPath = "dependencies.agent-docs";

    private static readonly string[] AgentDocEntryKeys = ["doc", "operations"];

    private List<SkillAgentDocDependency> BindAgentDocs(FrontmatterNode node)
    {
        var docs = new List<SkillAgentDocDependency>();
        if (node is not FrontmatterSequence sequence)
        {
            WrongType(node, AgentDocsPath, "a list of 'name@range' strings or {doc, operations} mappings");
            return docs;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var item = sequence.Items[i];
            var dependency = item switch
            {
                FrontmatterScalar { IsNull: false } scalar => BindAgentDocReference(scalar, operations: [], operationSpans: []),
                FrontmatterMapping mapping => BindAgentDocMapping(mapping, i),
                _ => InvalidAgentDocShape(item, i),
            };

            if (dependency is null)
            {
                continue;
            }

            // The name decides, as for skills: two ranges of one doc cannot both be offered to the model.
            if (!seen.Add(dependency.Name))
            {
                Report(SkillDiagnosticDescriptors.DuplicateDependency, dependency.Span, dependency.Name, "agent-docs");
                continue;
            }

            docs.Add(dependency);
        }

        return docs;
    }

    private SkillAgentDocDependency? InvalidAgentDocShape(FrontmatterNode item, int index)
    {
        Report(SkillDiagnosticDescriptors.InvalidAgentDocDependency, item.Span, $"{AgentDocsPath}[{index}]",
            $"it is {item.KindDescription}, not a 'name@range' string or a mapping with 'doc' and 'operations'");
        return null;
    }

    private SkillAgentDocDependency? BindAgentDocMapping(FrontmatterMapping mapping, int index)
    {
        var path = $"{AgentDocsPath}[{index}]";
        CheckKeys(mapping, path, AgentDocEntryKeys);
        if (mapping["doc"] is not { } docNode)
        {
            Report(SkillDiagnosticDescriptors.InvalidAgentDocDependency, mapping.Span, path, "the mapping has no 'doc' naming the agent-doc and its range");
            return null;
        }

        if (docNode is not FrontmatterScalar { IsNull: false } doc)
        {
            WrongType(docNode, path + ".doc", "a 'name@range' string");
            return null;
        }

        var operations = new List<string>();
        var operationSpans = new List<SourceSpan>();
        var valid = true;
        if (mapping["operations"] is { } operationsNode)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var scalar in ReadScalarList(operationsNode, path + ".operations"))
            {
                if (!IsValidOperationId(scalar.Value))
                {
                    Report(SkillDiagnosticDescriptors.InvalidAgentDocDependency, scalar.Span, scalar.Value,
                        "an operation ID is 1-128 of the letters, digits and '_', '.', ':', '/', '-', starting with a letter, a digit or '_' (the 'id' of an operation in the agent-doc)");
                    valid = false;
                }
                else if (!seen.Add(scalar.Value))
                {
                    Report(SkillDiagnosticDescriptors.DuplicateDependency, scalar.Span, scalar.Value, $"agent-docs[{index}].operations");
                }
                else
                {
                    operations.Add(scalar.Value);
                    operationSpans.Add(scalar.Span);
                }
            }
        }

        var dependency = BindAgentDocReference(doc, operations, operationSpans);
        return valid ? dependency : null;
    }

    private SkillAgentDocDependency? BindAgentDocReference(FrontmatterScalar scalar, IReadOnlyList<string> operations, IReadOnlyList<SourceSpan> operationSpans)
    {
        var text = scalar.Value.Trim();
        var at = text.IndexOf('@');
        var name = at < 0 ? text : text.Substring(0, at);
        if (!IsValidAgentDocName(name))
        {
            Report(SkillDiagnosticDescriptors.InvalidAgentDocDependency, scalar.Span, scalar.Value,
                $"the name '{name}' is not an agent-doc name (1-100 of a-z, 0-9, '.', '_', '-', starting with a letter or digit)");
            return null;
        }

        var range = SkillVersionRange.Any;
        if (at >= 0 && !SkillVersionRange.TryParse(text.Substring(at + 1), out range, out var rangeProblem))
        {
            Report(SkillDiagnosticDescriptors.InvalidAgentDocDependency, scalar.Span, scalar.Value, rangeProblem);
            return null;
        }

        return new SkillAgentDocDependency { Name = name, Range = range!, Operations = operations, OperationSpans = operationSpans, Span = scalar.Span };
    }

    /// <summary>AGENT-DOC-SPEC section 3: <c>^[a-z0-9][a-z0-9._-]{0,99}$</c>.</summary>
    private static bool IsValidAgentDocName(string name)
    {
        if (name.Length is 0 or > 100 || !IsLowerAlphanumeric(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsLowerAlphanumeric(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The agent-doc JSON Schema's operation <c>id</c>: <c>^[A-Za-z0-9_][A-Za-z0-9_.:/-]{0,127}$</c>.</summary>
    private static bool IsValidOperationId(string id)
    {
        if (id.Length is 0 or > 128 || !(IsAsciiLetterOrDigit(id[0]) || id[0] == '_'))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or ':' or '/' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    private static bool IsAsciiLetterOrDigit(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');
}
