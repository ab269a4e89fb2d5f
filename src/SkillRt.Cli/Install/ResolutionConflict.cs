using System.Collections.Generic;
using System.Linq;

namespace SkillRt.Cli.Install;

/// <summary>
/// Why a resolution failed: the skill whose requirements no single version meets, each requirement
/// with the chain that led to it, and the versions there are. <see cref="Explain"/> says what
/// happened and <see cref="Advice"/> what to do, each in words a user can act on.
/// </summary>
/// <param name="Name">The skill no version of which satisfies every requirement.</param>
/// <param name="Requirements">The requirements on it, in the order they were met; at least one.</param>
/// <param name="Found">Its versions that resolution looked at, highest first.</param>
/// <param name="Yanked">Those of <paramref name="Found"/> that are yanked (only an exact version takes them); none when null.</param>
internal sealed record ResolutionConflict(string Name, IReadOnlyList<ConflictingRequirement> Requirements, IReadOnlyList<SemanticVersion> Found, IReadOnlyCollection<SemanticVersion>? Yanked = null)
{
    // A skill with hundreds of versions would make the line unreadable; the highest are the ones that matter.
    private const int MaxVersionsListed = 10;

    /// <summary>Whether the only requirement is the user's own request (nothing else is in the way: it is simply not there).</summary>
    public bool IsUnmatchedRequest => Requirements.Count == 1 && Requirements[0].IsRequest;

    /// <summary>
    /// The facts, in one sentence without a final stop: <c>pr-review@1.1.0 needs diff-reader@^2.0;
    /// release-notes@1.0.0 (installed) needs diff-reader@~1.4; no version satisfies both (found: 2.1.0, 1.4.3)</c>.
    /// </summary>
    public string Explain()
    {
        var found = Found.Count == 0
            ? string.Empty
            : " (found: " + string.Join(", ", Found.Take(MaxVersionsListed).Select(v => Yanked?.Contains(v) == true ? $"{v} yanked, installable only as {Name}@{v}" : v.ToString())) + (Found.Count > MaxVersionsListed ? $" and {Found.Count - MaxVersionsListed} more" : string.Empty) + ")";
        if (Requirements.Count == 1)
        {
            return Found.Count == 0
                ? $"{Requirements[0]}, but no version of {Name} is on the feeds or installed"
                : $"{Requirements[0]}, but no version of {Name} matches{found}";
        }

        var all = Requirements.Count == 2 ? "both" : $"all {Requirements.Count}";
        return string.Join("; ", Requirements) + $"; no version of {Name} satisfies {all}{found}";
    }

    /// <summary>What to do, naming the skills to change: installed skills that are in the way first, then the request.</summary>
    public string Advice()
    {
        var installed = Requirements.Where(r => r.IsInstalled).Select(r => r.InstalledRequirer!).Distinct().ToList();
        var requested = Requirements.Where(r => !r.IsInstalled).Select(r => Root(r)).Distinct().ToList();
        var advice = new List<string>();
        if (installed.Count > 0)
        {
            var names = string.Join(" and ", installed);
            advice.Add($"update or uninstall {names} first (skillrt update {installed[0]} --latest, or skillrt uninstall {installed[0]})");
        }

        if (requested.Count > 0)
        {
            advice.Add($"ask for another version of {string.Join(" or ", requested)} (skillrt outdated shows what the feeds have)");
        }

        advice.Add($"or ask the skills' authors to widen their ranges on {Name}");
        var text = string.Join(", ", advice);
        return char.ToUpperInvariant(text[0]) + text[1..] + ".";
    }

    // The requested skill at the head of a chain: "pr-review" of "pr-review@1.1.0 > diff-reader@2.0.0".
    private static string Root(ConflictingRequirement requirement)
    {
        if (requirement.Requirer is null)
        {
            return requirement.Name;
        }

        var head = requirement.Requirer.Split(" > ")[0];
        var at = head.IndexOf('@');
        return at < 0 ? head : head[..at];
    }
}
