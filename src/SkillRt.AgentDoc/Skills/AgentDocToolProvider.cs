using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using SkillRt.Execution;

namespace SkillRt.AgentDoc;

/// <summary>
/// Offers a skill that declares <c>dependencies.agent-docs</c> the doc-query tools (<see cref="AgentDocTools"/>),
/// limited to exactly the versions it declared: each declared doc resolves to the highest version the catalog
/// has that satisfies its range. A declared doc the catalog lacks fails the run before the model is called,
/// with a <see cref="SkillDependencyException"/> naming the doc, the range and the versions there are; so does
/// an operation the skill lists under <c>operations</c> that the resolved version does not have.
/// A skill that declares no agent-docs is offered nothing.
/// </summary>
internal sealed class AgentDocToolProvider(IAgentDocCatalog catalog, AgentDocToolOptions options) : ISkillToolProvider
{
    public async ValueTask<IReadOnlyList<AIFunction>> GetToolsAsync(SkillToolContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var declared = context.Descriptor.Dependencies.AgentDocs;
        if (declared.Count == 0)
        {
            return [];
        }

        var libraries = await catalog.ListLibrariesAsync(cancellationToken).ConfigureAwait(false);
        var resolved = new List<AgentDocLibrary>(declared.Count);
        var problems = new List<SkillDependencyProblem>();
        foreach (var dependency in declared)
        {
            var library = libraries.FirstOrDefault(l => string.Equals(l.Name, dependency.Name, StringComparison.Ordinal));
            if (library is null)
            {
                problems.Add(new(SkillDependencyKind.AgentDoc, dependency.ToString(), Missing(dependency, libraries)));
                continue;
            }

            if (AgentDocVersionMatch.Highest(library.Versions, dependency.Range) is not { } version)
            {
                problems.Add(new(SkillDependencyKind.AgentDoc, dependency.ToString(),
                    $"no version of it satisfies '{dependency.Range.Text}'; the catalog has {string.Join(", ", library.Versions.Select(v => v.Version))}. Change the range in dependencies.agent-docs, or add a version of the agent-doc that satisfies it"));
                continue;
            }

            // The operations a skill says it uses must be in the version it gets, or the model would look for them in vain.
            if (dependency.Operations.Count > 0 && await catalog.FindAsync(library.Name, version.Version, cancellationToken).ConfigureAwait(false) is { } index)
            {
                var absent = dependency.Operations.Where(id => index.FindOperation(id) is null).ToList();
                if (absent.Count > 0)
                {
                    var closest = ClosestNames.Find(absent[0], index.Document.Operations.Select(o => o.Id), limit: 3);
                    problems.Add(new(SkillDependencyKind.AgentDoc, dependency.ToString(),
                        $"{library.Name} {version.Version} has no operation {string.Join(", ", absent.Select(id => $"'{id}'"))}{(closest.Count > 0 ? $" (closest: {string.Join(", ", closest)})" : string.Empty)}. Fix the operation IDs in dependencies.agent-docs, or narrow the range to a version that has them"));
                    continue;
                }
            }

            resolved.Add(library with { Versions = [version] });
        }

        if (problems.Count > 0)
        {
            throw new SkillDependencyException(problems, context.Descriptor.Name);
        }

        var queries = new AgentDocQueries(new ScopedAgentDocCatalog(catalog, resolved), options);
        return [.. AgentDocToolDefinitions.Definitions(queries).Select(d => (AIFunction)new AgentDocFunction(d.Tool, d.Handler))];
    }

    private static string Missing(SkillAgentDocDependency dependency, IReadOnlyList<AgentDocLibrary> libraries)
    {
        if (libraries.Count == 0)
        {
            return "the agent-doc catalog is empty; add the agent-doc to the catalog given to AddAgentDocs";
        }

        var closest = ClosestNames.Find(dependency.Name, libraries.Select(l => l.Name), limit: 3);
        var hint = closest.Count > 0 ? $" (closest: {string.Join(", ", closest)})" : string.Empty;
        return $"the agent-doc catalog has no agent-doc named '{dependency.Name}', so no version in '{dependency.Range.Text}'; it has {string.Join(", ", libraries.Select(l => l.Name))}{hint}. Add the agent-doc to the catalog, or fix the name in dependencies.agent-docs";
    }
}
