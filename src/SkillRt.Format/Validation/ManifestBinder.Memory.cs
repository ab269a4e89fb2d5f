using System;
using System.Collections.Generic;

namespace SkillRt;

/// <summary>The <c>memory</c> section: the kinds a skill defines and the namespaces it reads and writes.</summary>
internal sealed partial class ManifestBinder
{
    private static readonly string[] MemoryKeys = ["kinds", "read", "write"];
    private static readonly string[] MemoryKindKeys = ["description", "schema"];
    private static readonly string[] MemoryGrantKeys = ["namespace", "kinds"];

    private const string GrantWildcard = "/*";

    private SkillMemory BindMemory(FrontmatterNode node)
    {
        if (ReadMapping(node, "memory") is not { } mapping)
        {
            return SkillMemory.None;
        }

        CheckKeys(mapping, "memory", MemoryKeys);
        var kinds = mapping["kinds"] is { } kindsNode && !IsNull(kindsNode) ? BindMemoryKinds(kindsNode) : [];
        var read = mapping["read"] is { } readNode && !IsNull(readNode) ? BindMemoryGrants(readNode, "memory.read") : [];
        var write = mapping["write"] is { } writeNode && !IsNull(writeNode) ? BindMemoryGrants(writeNode, "memory.write") : [];
        return new SkillMemory { Kinds = kinds, Read = read, Write = write, Span = mapping.Span };
    }

    private static bool IsNull(FrontmatterNode node) => node is FrontmatterScalar { IsNull: true };

    private List<SkillMemoryKind> BindMemoryKinds(FrontmatterNode node)
    {
        var kinds = new List<SkillMemoryKind>();
        if (ReadMapping(node, "memory.kinds") is not { } mapping)
        {
            return kinds;
        }

        // A kind written twice is a duplicate YAML key (SKILL0003), so names here are unique.
        foreach (var entry in mapping.Entries)
        {
            var path = "memory.kinds";
            if (NameRules.CheckSkillName(entry.Name) is { } problem)
            {
                Report(SkillDiagnosticDescriptors.InvalidMemoryKind, entry.Key.Span, entry.Name, path, "a kind's name follows the rules of a skill's name: " + problem);
                continue;
            }

            if (entry.Value is not FrontmatterMapping declaration)
            {
                Report(SkillDiagnosticDescriptors.InvalidMemoryKind, entry.Value.Span, entry.Name, path,
                    $"it is {entry.Value.KindDescription}, not a mapping with a 'schema' (and optionally a 'description')");
                continue;
            }

            var kindPath = $"memory.kinds.{entry.Name}";
            CheckKeys(declaration, kindPath, MemoryKindKeys);
            string? description = null;
            if (declaration["description"] is { } descriptionNode)
            {
                description = ReadString(descriptionNode, kindPath + ".description");
            }

            if (declaration["schema"] is not { } schema || IsNull(schema))
            {
                Report(SkillDiagnosticDescriptors.InvalidMemoryKind, entry.Key.Span, entry.Name, path,
                    "it has no 'schema': every kind says, as a JSON Schema, what its values hold");
                continue;
            }

            SchemaChecker.Check(schema, kindPath + ".schema", _diagnostics);
            kinds.Add(new SkillMemoryKind { Name = entry.Name, Description = description, Schema = schema, SchemaJson = schema.ToJson(), Span = entry.Key.Span });
        }

        return kinds;
    }

    private List<SkillMemoryGrant> BindMemoryGrants(FrontmatterNode node, string path)
    {
        var grants = new List<SkillMemoryGrant>();
        if (node is not FrontmatterSequence sequence)
        {
            WrongType(node, path, "a list of namespaces or {namespace, kinds} mappings");
            return grants;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var item = sequence.Items[i];
            var itemPath = $"{path}[{i}]";
            var grant = item switch
            {
                FrontmatterScalar { IsNull: false } scalar => BindMemoryNamespace(scalar, itemPath, kinds: []),
                FrontmatterMapping mapping => BindMemoryGrantMapping(mapping, itemPath),
                _ => WrongGrantShape(item, itemPath),
            };

            if (grant is null)
            {
                continue;
            }

            // One entry per namespace: two with different kinds would read as "these or those", which
            // a single entry listing both says plainly.
            if (!seen.Add(grant.ToString()))
            {
                Report(SkillDiagnosticDescriptors.DuplicateMemoryEntry, grant.Span, grant.ToString(), path);
                continue;
            }

            grants.Add(grant);
        }

        return grants;
    }

    private SkillMemoryGrant? WrongGrantShape(FrontmatterNode item, string path)
    {
        WrongType(item, path, "a namespace such as 'acme/payments', or a mapping with 'namespace' and 'kinds'");
        return null;
    }

    private SkillMemoryGrant? BindMemoryGrantMapping(FrontmatterMapping mapping, string path)
    {
        CheckKeys(mapping, path, MemoryGrantKeys);
        if (mapping["namespace"] is not { } namespaceNode)
        {
            Report(SkillDiagnosticDescriptors.InvalidMemoryNamespace, mapping.Span, "(none)", path, "the mapping has no 'namespace'");
            return null;
        }

        if (namespaceNode is not FrontmatterScalar { IsNull: false } scalar)
        {
            WrongType(namespaceNode, path + ".namespace", "a namespace such as 'acme/payments'");
            return null;
        }

        var kinds = new List<string>();
        var valid = true;
        if (mapping["kinds"] is { } kindsNode && !IsNull(kindsNode))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var kind in ReadScalarList(kindsNode, path + ".kinds"))
            {
                if (NameRules.CheckSkillName(kind.Value) is { } problem)
                {
                    Report(SkillDiagnosticDescriptors.InvalidMemoryKind, kind.Span, kind.Value, path + ".kinds", problem);
                    valid = false;
                }
                else if (!seen.Add(kind.Value))
                {
                    Report(SkillDiagnosticDescriptors.DuplicateMemoryEntry, kind.Span, kind.Value, path + ".kinds");
                }
                else
                {
                    kinds.Add(kind.Value);
                }
            }
        }

        var grant = BindMemoryNamespace(scalar, path, kinds);
        return valid ? grant : null;
    }

    private SkillMemoryGrant? BindMemoryNamespace(FrontmatterScalar scalar, string path, IReadOnlyList<string> kinds)
    {
        var text = scalar.Value;
        var wildcard = text.EndsWith(GrantWildcard, StringComparison.Ordinal);
        var name = wildcard ? text.Substring(0, text.Length - GrantWildcard.Length) : text;
        var problem = text == "*"
            ? "a skill names the namespace it works in; '*' alone would reach every namespace on the server"
            : SkillMemoryNamespace.Check(name);
        if (problem is not null)
        {
            Report(SkillDiagnosticDescriptors.InvalidMemoryNamespace, scalar.Span, text, path, problem);
            return null;
        }

        return new SkillMemoryGrant { Namespace = name, IncludesSubNamespaces = wildcard, Kinds = kinds, Span = scalar.Span };
    }
}
