using System.Collections.Generic;

namespace SkillRt;

/// <summary>The <c>permissions</c> section.</summary>
internal sealed partial class ManifestBinder
{
    private static readonly string[] PermissionKeys = ["network", "filesystem", "env"];
    private static readonly string[] FilesystemRuleKeys = ["path", "access"];

    private SkillPermissions BindPermissions(FrontmatterNode node)
    {
        if (ReadMapping(node, "permissions") is not { } mapping)
        {
            return SkillPermissions.None;
        }

        CheckKeys(mapping, "permissions", PermissionKeys);
        var network = new List<string>();
        if (mapping["network"] is { } networkNode)
        {
            // "network: '*'" is the short form of "network: ['*']".
            var hosts = networkNode is FrontmatterScalar { Kind: FrontmatterScalarKind.String, Value: "*" } any
                ? [any]
                : ReadScalarList(networkNode, "permissions.network");
            foreach (var host in hosts)
            {
                if (PermissionSyntax.CheckHost(host.Value) is { } problem)
                {
                    Report(SkillDiagnosticDescriptors.InvalidNetworkPermission, host.Span, host.Value, problem);
                }
                else
                {
                    network.Add(host.Value);
                }
            }
        }

        var filesystem = mapping["filesystem"] is { } filesystemNode ? BindFilesystem(filesystemNode) : [];
        var environment = new List<string>();
        if (mapping["env"] is { } envNode)
        {
            foreach (var variable in ReadScalarList(envNode, "permissions.env"))
            {
                if (NameRules.IsValidEnvironmentVariable(variable.Value))
                {
                    environment.Add(variable.Value);
                }
                else
                {
                    Report(SkillDiagnosticDescriptors.InvalidEnvPermission, variable.Span, variable.Value);
                }
            }
        }

        return new SkillPermissions { Network = network, Filesystem = filesystem, Environment = environment };
    }

    // Entries are a glob string (read-write) or a mapping { path: glob, access: read | read-write }.
    private List<SkillFilesystemRule> BindFilesystem(FrontmatterNode node)
    {
        var rules = new List<SkillFilesystemRule>();
        if (node is not FrontmatterSequence sequence)
        {
            WrongType(node, "permissions.filesystem", "a list of globs");
            return rules;
        }

        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var item = sequence.Items[i];
            var path = $"permissions.filesystem[{i}]";
            FrontmatterNode patternNode;
            var access = SkillFileAccess.ReadWrite;
            if (item is FrontmatterMapping rule)
            {
                CheckKeys(rule, path, FilesystemRuleKeys);
                if (rule["path"] is not { } ruleNode)
                {
                    Report(SkillDiagnosticDescriptors.InvalidFilesystemPermission, rule.Span, path, "the entry has no 'path'");
                    continue;
                }

                patternNode = ruleNode;
                if (rule["access"] is { } accessNode && ReadString(accessNode, path + ".access") is { } accessText)
                {
                    switch (accessText)
                    {
                        case "read":
                            access = SkillFileAccess.Read;
                            break;
                        case "read-write":
                            break;
                        default:
                            Report(SkillDiagnosticDescriptors.InvalidFilesystemPermission, accessNode.Span, accessText, "'access' must be 'read' or 'read-write'");
                            continue;
                    }
                }
            }
            else
            {
                patternNode = item;
            }

            if (ReadString(patternNode, path) is not { } pattern)
            {
                continue;
            }

            if (PermissionSyntax.CheckGlob(pattern) is { } problem)
            {
                Report(SkillDiagnosticDescriptors.InvalidFilesystemPermission, patternNode.Span, pattern, problem);
                continue;
            }

            rules.Add(new SkillFilesystemRule { Pattern = pattern, Access = access });
        }

        return rules;
    }
}
