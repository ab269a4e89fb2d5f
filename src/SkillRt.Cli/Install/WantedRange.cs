using System.Collections.Generic;
using System.Linq;
using SkillRt.Cli.Store;

namespace SkillRt.Cli.Install;

/// <summary>
/// The versions an installed skill may move to without <c>--latest</c>, for <c>skillrt outdated</c> and
/// <c>skillrt update</c>: the range the user installed it with (<see cref="StoreRequests"/>); any version
/// when they named none; for a skill installed only as a dependency, whatever its installed dependents
/// accept; and <c>^{installed}</c> (no new major version) for a skill with no record, installed from a
/// folder or by an older skillrt. A recorded range that no longer holds the installed version (which
/// was installed by another command since) keeps the installed version.
/// </summary>
internal static class WantedRange
{
    /// <summary>The request to resolve for <paramref name="installed"/>, and how to show it.</summary>
    public static (ResolutionRequest Request, string Display) For(SkillCandidate installed, IReadOnlyDictionary<string, RecordedRequest> records, IReadOnlyList<SkillCandidate> allInstalled)
    {
        var name = installed.Name;
        if (!records.TryGetValue(name, out var record))
        {
            var caret = "^" + installed.Version;
            return (new ResolutionRequest(name, SkillVersionRange.Parse(caret), caret), caret);
        }

        if (!record.IsDirect)
        {
            var dependents = allInstalled.Where(skill => skill.Dependencies.Any(d => d.Name == name)).Select(skill => skill.Name).ToList();
            return (new ResolutionRequest(name, null, null), dependents.Count == 0 ? "dependency" : "dependency of " + string.Join(", ", dependents));
        }

        if (record.Range is null)
        {
            return (new ResolutionRequest(name, null, null), "*");
        }

        SkillVersionRange? range;
        try
        {
            range = SkillRequest.Parse(name + "@" + record.Range).Range;
        }
        catch (CliException)
        {
            range = null;
        }

        if (range is null || !range.Satisfies(installed.Version))
        {
            var exact = installed.Version.ToString();
            return (new ResolutionRequest(name, SkillVersionRange.Parse(exact), exact), $"{record.Range} (installed {exact} is outside it)");
        }

        return (new ResolutionRequest(name, range, record.Range), record.Range);
    }
}
