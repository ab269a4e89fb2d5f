using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Cli.Install;

/// <summary>
/// Chooses one version of every skill that the requested skills need, transitively: for each name,
/// the highest version (SemVer 2.0 precedence) that satisfies every range on it, pre-releases only
/// where a range asks for one (<see cref="SkillVersionRange.Satisfies"/>). When a choice leads to a
/// dead end further down, it backtracks to the next lower version, up to a bounded number of
/// choices. Cycles are fine: a dependency on a skill already chosen is checked, not followed again.
/// </summary>
/// <remarks>
/// Skills already installed take part as fixed dependents: the ranges of the installed version of
/// each skill (the one <c>skillrt run</c> picks) hold for every skill this resolution chooses, so an
/// install or update never leaves an installed skill without a version it accepts. They stop
/// holding when the resolution chooses another version of that installed skill itself, which then
/// brings its own ranges. The resolver reads versions only through <see cref="ISkillVersionSource"/>,
/// lazily and highest first, so a resolution without conflicts downloads one version per skill.
/// </remarks>
internal sealed class DependencyResolver
{
    /// <summary>How many versions resolution may try in all before it gives up; far more than any real graph of skills needs.</summary>
    public const int DefaultMaxSteps = 10_000;

    private readonly ISkillVersionSource _source;
    private readonly int _maxSteps;

    /// <param name="source">The versions of skills and their dependencies.</param>
    /// <param name="maxSteps">How many versions may be tried before giving up with the first conflict met.</param>
    public DependencyResolver(ISkillVersionSource source, int maxSteps = DefaultMaxSteps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);
        _source = source;
        _maxSteps = maxSteps;
    }

    /// <summary>Resolves <paramref name="requests"/> and everything they need.</summary>
    /// <param name="requests">What the user asked for; a request without a range takes the highest stable version, or the highest pre-release when there is no stable one.</param>
    /// <param name="installed">The installed version of each installed skill, whose dependencies must stay satisfied.</param>
    /// <param name="cancellationToken">Cancels the resolution and the reads it is waiting for.</param>
    /// <returns>Every skill chosen, requests first, then in the order they were needed.</returns>
    /// <exception cref="DependencyConflictException">No versions satisfy every requirement; nothing should be installed.</exception>
    public async Task<IReadOnlyList<ResolvedSkill>> ResolveAsync(IReadOnlyList<ResolutionRequest> requests, IReadOnlyList<SkillCandidate> installed, CancellationToken cancellationToken)
    {
        var run = new Run(this, cancellationToken);
        try
        {
            foreach (var skill in installed)
            {
                foreach (var dependency in skill.Dependencies)
                {
                    run.AddInstalled(new Requirement(dependency.Name, dependency.Range, TextOf(dependency), skill, ByInstalled: true));
                }
            }

            foreach (var request in requests)
            {
                var range = request.Range ?? await AnyVersionAsync(run, request.Name).ConfigureAwait(false);
                run.Requirements.Add(new Requirement(request.Name, range, request.RangeText, By: null, ByInstalled: false));
            }

            if (!await run.SolveAsync().ConfigureAwait(false))
            {
                throw new DependencyConflictException(run.FirstConflict!);
            }

            return run.Result();
        }
        finally
        {
            await run.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// No range: any stable version, as <see cref="SkillVersionRange.Any"/> says; but a skill published
    /// only as pre-releases is still installable by name, as its highest pre-release.
    /// </summary>
    private static async Task<SkillVersionRange> AnyVersionAsync(Run run, string name)
    {
        var versions = run.Versions(name);
        SemanticVersion? highestPrerelease = null;
        for (var i = 0; await versions.GetAsync(i).ConfigureAwait(false) is { } candidate; i++)
        {
            if (!candidate.Version.IsPrerelease)
            {
                return SkillVersionRange.Any;
            }

            highestPrerelease ??= candidate.Version;
        }

        return highestPrerelease is null ? SkillVersionRange.Any : SkillVersionRange.Parse(highestPrerelease.ToString());
    }

    private static bool IsExactly(SkillVersionRange range, SemanticVersion version) =>
        range.IsMinimumInclusive && range.IsMaximumInclusive && range.Minimum == version && range.Maximum == version;

    private static string? TextOf(SkillDependency dependency) => ReferenceEquals(dependency.Range, SkillVersionRange.Any) ? null : dependency.Range.Text;

    /// <summary>A range on a skill: from the user (<paramref name="By"/> null), from a chosen version, or from an installed one.</summary>
    private sealed record Requirement(string Name, SkillVersionRange Range, string? RangeText, SkillCandidate? By, bool ByInstalled);

    /// <summary>A chosen version, and the requirement that brought its name into the resolution (for the chain in reports).</summary>
    private sealed record Assignment(SkillCandidate Candidate, Requirement Via);

    /// <summary>One resolution's state: the choices so far, a stack of requirements undone by truncation, and the versions read.</summary>
    private sealed class Run(DependencyResolver resolver, CancellationToken cancellationToken) : IAsyncDisposable
    {
        private readonly Dictionary<string, Assignment> _assigned = new(StringComparer.Ordinal);
        private readonly List<string> _assignedOrder = [];
        private readonly Dictionary<string, List<Requirement>> _installed = new(StringComparer.Ordinal);
        private readonly Dictionary<string, VersionList> _versions = new(StringComparer.Ordinal);
        private int _steps;

        /// <summary>The requirements of the user and of the chosen versions, in the order they were met.</summary>
        public List<Requirement> Requirements { get; } = [];

        public ResolutionConflict? FirstConflict { get; private set; }

        public void AddInstalled(Requirement requirement)
        {
            if (!_installed.TryGetValue(requirement.Name, out var list))
            {
                _installed[requirement.Name] = list = [];
            }

            list.Add(requirement);
        }

        public VersionList Versions(string name)
        {
            if (!_versions.TryGetValue(name, out var list))
            {
                _versions[name] = list = new VersionList(resolver._source.GetVersionsAsync(name, cancellationToken).GetAsyncEnumerator(cancellationToken));
            }

            return list;
        }

        /// <summary>Chooses a version for the next open name, and recurses; false when no choice below this point works.</summary>
        public async Task<bool> SolveAsync()
        {
            var name = NextOpen();
            if (name is null)
            {
                return true;
            }

            var requirements = On(name);
            var versions = Versions(name);
            var satisfiable = false;
            for (var i = 0; await versions.GetAsync(i).ConfigureAwait(false) is { } candidate; i++)
            {
                if (!requirements.TrueForAll(r => r.Range.Satisfies(candidate.Version)))
                {
                    continue;
                }

                // A yanked version is skipped by ranges; only a requirement of exactly this version takes it.
                if (candidate.IsYanked && !requirements.Exists(r => IsExactly(r.Range, candidate.Version)))
                {
                    continue;
                }

                satisfiable = true;
                if (++_steps > resolver._maxSteps)
                {
                    throw new DependencyConflictException(
                        FirstConflict ?? Conflict(name, requirements),
                        $"gave up after trying {resolver._maxSteps:N0} versions without finding a set that works");
                }

                cancellationToken.ThrowIfCancellationRequested();
                var mark = Requirements.Count;
                _assigned[name] = new Assignment(candidate, requirements.First(r => !r.ByInstalled));
                _assignedOrder.Add(name);
                foreach (var dependency in candidate.Dependencies)
                {
                    Requirements.Add(new Requirement(dependency.Name, dependency.Range, TextOf(dependency), candidate, ByInstalled: false));
                }

                // A new requirement on a skill chosen earlier (a cycle, or a diamond) is checked now, not followed.
                var broken = Requirements.Skip(mark).FirstOrDefault(r => _assigned.TryGetValue(r.Name, out var chosen) && !r.Range.Satisfies(chosen.Candidate.Version));
                if (broken is not null)
                {
                    FirstConflict ??= Conflict(broken.Name, On(broken.Name));
                }
                else if (await SolveAsync().ConfigureAwait(false))
                {
                    return true;
                }

                Requirements.RemoveRange(mark, Requirements.Count - mark);
                _assigned.Remove(name);
                _assignedOrder.RemoveAt(_assignedOrder.Count - 1);
            }

            if (!satisfiable)
            {
                FirstConflict ??= Conflict(name, requirements);
            }

            return false;
        }

        public IReadOnlyList<ResolvedSkill> Result() =>
            _assignedOrder
                .Select(name => new ResolvedSkill(
                    _assigned[name].Candidate,
                    Requirements.Exists(r => r.By is null && r.Name == name),
                    Requirements.Where(r => r.By is not null && r.Name == name && r.By.Name != name).Select(r => r.By!).Distinct().ToList()))
                .ToList();

        public async ValueTask DisposeAsync()
        {
            foreach (var list in _versions.Values)
            {
                await list.DisposeAsync().ConfigureAwait(false);
            }
        }

        // The first name, in the order the requirements were met, that something in this resolution needs and nothing was chosen for.
        private string? NextOpen() => Requirements.Find(r => !_assigned.ContainsKey(r.Name))?.Name;

        /// <summary>Every requirement that holds on <paramref name="name"/> now: this resolution's, and those of installed skills it has not replaced.</summary>
        private List<Requirement> On(string name)
        {
            var result = Requirements.Where(r => r.Name == name).ToList();
            if (_installed.TryGetValue(name, out var installed))
            {
                // An installed skill's ranges stop mattering once this resolution chooses another version of it.
                result.AddRange(installed.Where(r => !_assigned.TryGetValue(r.By!.Name, out var chosen) || chosen.Candidate.Version == r.By.Version));
            }

            return result;
        }

        private ResolutionConflict Conflict(string name, List<Requirement> requirements) =>
            new(
                name,
                requirements.Select(r => new ConflictingRequirement(
                    r.By is null ? null : r.ByInstalled ? r.By.ToString() : Chain(r.By),
                    name,
                    r.Range,
                    r.RangeText,
                    r.ByInstalled ? r.By!.Name : null)).ToList(),
                _versions.TryGetValue(name, out var list) ? list.Seen.Select(c => c.Version).ToList() : [],
                _versions.TryGetValue(name, out var seen) ? seen.Seen.Where(c => c.IsYanked).Select(c => c.Version).ToHashSet() : null);

        // "pr-review@1.1.0 > diff-reader@2.0.0": how the request led to this chosen version.
        private string Chain(SkillCandidate candidate)
        {
            var links = new List<string> { candidate.ToString() };
            var current = candidate;
            while (_assigned.TryGetValue(current.Name, out var assignment) && assignment.Via.By is { } parent && !assignment.Via.ByInstalled && links.Count <= _assigned.Count)
            {
                links.Add(parent.ToString());
                current = parent;
            }

            links.Reverse();
            return string.Join(" > ", links);
        }
    }

    /// <summary>The versions of one skill read so far, reading more only when asked for an index past them.</summary>
    private sealed class VersionList(IAsyncEnumerator<SkillCandidate> enumerator) : IAsyncDisposable
    {
        private bool _done;

        public List<SkillCandidate> Seen { get; } = [];

        public async ValueTask<SkillCandidate?> GetAsync(int index)
        {
            while (Seen.Count <= index && !_done)
            {
                if (await enumerator.MoveNextAsync().ConfigureAwait(false))
                {
                    Seen.Add(enumerator.Current);
                }
                else
                {
                    _done = true;
                }
            }

            return index < Seen.Count ? Seen[index] : null;
        }

        public ValueTask DisposeAsync() => enumerator.DisposeAsync();
    }
}
