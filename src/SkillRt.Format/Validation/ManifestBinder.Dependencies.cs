using System;
using System.Collections.Generic;

namespace SkillRt;

/// <summary>The <c>dependencies</c> section.</summary>
internal sealed partial class ManifestBinder
{
    private static readonly string[] DependencyKeys = ["skills", "tools", "mcp-servers", "agent-docs"];

    private SkillDependencies BindDependencies(FrontmatterNode node)
    {
        if (ReadMapping(node, "dependencies") is not { } mapping)
        {
            return SkillDependencies.None;
        }

        CheckKeys(mapping, "dependencies", DependencyKeys);
        var skills = new List<SkillDependency>();
        if (mapping["skills"] is { } skillsNode)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var scalar in ReadScalarList(skillsNode, "dependencies.skills"))
            {
                if (BindSkillDependency(scalar) is not { } dependency)
                {
                    continue;
                }

                if (!seen.Add(dependency.Name))
                {
                    Report(SkillDiagnosticDescriptors.DuplicateDependency, scalar.Span, dependency.Name, "skills");
                    continue;
                }

                skills.Add(dependency);
            }
        }

        var tools = BindNames(mapping["tools"], "tools", NameRules.IsValidToolName, SkillDiagnosticDescriptors.InvalidToolName);
        var servers = BindNames(mapping["mcp-servers"], "mcp-servers", NameRules.IsValidMcpServerName, SkillDiagnosticDescriptors.InvalidMcpServerName);
        var agentDocs = mapping["agent-docs"] is { } agentDocsNode ? BindAgentDocs(agentDocsNode) : [];
        return new SkillDependencies { Skills = skills, Tools = tools, McpServers = servers, AgentDocs = agentDocs };
    }

    private SkillDependency? BindSkillDependency(FrontmatterScalar scalar)
    {
        var text = scalar.Value.Trim();
        var at = text.IndexOf('@');
        var name = at < 0 ? text : text.Substring(0, at);
        if (NameRules.CheckSkillName(name) is { } nameProblem)
        {
            Report(SkillDiagnosticDescriptors.InvalidSkillDependency, scalar.Span, scalar.Value, $"the name '{name}' breaks the naming rules: {nameProblem}");
            return null;
        }

        var range = SkillVersionRange.Any;
        if (at >= 0 && !SkillVersionRange.TryParse(text.Substring(at + 1), out range, out var rangeProblem))
        {
            Report(SkillDiagnosticDescriptors.InvalidSkillDependency, scalar.Span, scalar.Value, rangeProblem);
            return null;
        }

        return new SkillDependency { Name = name, Range = range!, Span = scalar.Span };
    }

    private List<string> BindNames(FrontmatterNode? node, string key, Func<string, bool> isValid, SkillDiagnosticDescriptor invalid)
    {
        var names = new List<string>();
        if (node is null)
        {
            return names;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scalar in ReadScalarList(node, "dependencies." + key))
        {
            if (!isValid(scalar.Value))
            {
                Report(invalid, scalar.Span, scalar.Value);
            }
            else if (!seen.Add(scalar.Value))
            {
                Report(SkillDiagnosticDescriptors.DuplicateDependency, scalar.Span, scalar.Value, key);
            }
            else
            {
                names.Add(scalar.Value);
            }
        }

        return names;
    }
}
