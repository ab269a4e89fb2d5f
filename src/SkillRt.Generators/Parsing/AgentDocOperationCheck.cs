using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace SkillRt.Generators;

/// <summary>
/// Checks one skill's <c>dependencies.agent-docs</c> against the project's <c>AgentDoc</c> items: each doc
/// resolves, as the runtime resolves it, to the highest version of that name the range accepts, and every
/// operation ID the skill lists must be one of its operations (SKILL0506). Items of that name in no version
/// the range accepts are SKILL0507. A doc with no item of its name is not checked: it may come at run time.
/// </summary>
internal static class AgentDocOperationCheck
{
    private const int MaxClosest = 3;

    public static EquatableArray<DiagnosticSpec> Check(AgentDocUseSpec use, EquatableArray<AgentDocOutline> docs)
    {
        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticSpec>();
        foreach (var requirement in use.Docs)
        {
            var candidates = docs.Where(d => d.IsReadable && string.Equals(d.Name, requirement.Name, StringComparison.Ordinal)).ToList();
            if (candidates.Count == 0)
            {
                continue;
            }

            var range = requirement.Range is null ? SkillVersionRange.Any : SkillVersionRange.Parse(requirement.Range);
            var version = AgentDocVersions.HighestAccepted(candidates.Select(d => d.Version!), range);
            if (version is null)
            {
                var found = candidates
                    .OrderByDescending(d => d.Version!, Comparer<string>.Create(AgentDocVersions.Compare))
                    .Select(d => $"{d.Version} ('{d.DisplayPath}')");
                diagnostics.Add(Create(SkillDiagnosticDescriptors.AgentDocVersionNotInRange, requirement.Location, use.PackageNote, requirement.Name, range.Text, string.Join(", ", found)));
                continue;
            }

            // Two items with one name and version: the first by path, so the outcome does not depend on item order.
            var doc = candidates.Where(d => d.Version == version).OrderBy(d => d.DisplayPath, StringComparer.Ordinal).First();
            var ids = new HashSet<string>(doc.OperationIds, StringComparer.Ordinal);
            foreach (var operation in requirement.Operations)
            {
                if (ids.Contains(operation.Id))
                {
                    continue;
                }

                var closest = ClosestNames.Find(operation.Id, doc.OperationIds, MaxClosest);
                var hint = closest.Count > 0 ? " (closest: " + string.Join(", ", closest) + ")"
                    : doc.OperationIds.Count == 0 ? " (it has no operations)"
                    : string.Empty;
                diagnostics.Add(Create(SkillDiagnosticDescriptors.UnknownAgentDocOperation, operation.Location, use.PackageNote, operation.Id, requirement.Name, version, doc.DisplayPath, hint));
            }
        }

        return new EquatableArray<DiagnosticSpec>(diagnostics.ToImmutable());
    }

    private static DiagnosticSpec Create(SkillDiagnosticDescriptor descriptor, DiagnosticLocation location, string? packageNote, params string[] arguments) =>
        new(descriptor.Id, new EquatableArray<string>(arguments.ToImmutableArray()), location, packageNote);
}
