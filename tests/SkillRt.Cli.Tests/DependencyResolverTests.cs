using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Install;
using Xunit;

namespace SkillRt.Cli.Tests;

/// <summary>
/// The resolver alone, over versions in memory: what it chooses, how it backtracks, what it reports
/// when nothing works, and how little it reads. The end-to-end tests (InstallDependenciesTests,
/// OutdatedUpdateTests) run the same resolver over real folder feeds.
/// </summary>
public sealed class DependencyResolverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_chain_resolves_transitively_to_the_highest_version_in_each_range()
    {
        var source = new Versions(
            Skill("pr-review", "1.1.0", "diff-reader@^2.0"),
            Skill("pr-review", "1.0.0", "diff-reader@~1.4"),
            Skill("diff-reader", "3.0.0"),
            Skill("diff-reader", "2.3.1", "text-utils@~0.4"),
            Skill("diff-reader", "2.0.0"),
            Skill("text-utils", "0.5.0"),
            Skill("text-utils", "0.4.7"),
            Skill("text-utils", "0.4.2"));

        var resolved = await Resolve(source, "pr-review@^1.0");

        Assert.Equal(["pr-review@1.1.0", "diff-reader@2.3.1", "text-utils@0.4.7"], Names(resolved));
        Assert.True(resolved[0].IsRequested);
        Assert.False(resolved[1].IsRequested);
        Assert.Equal(["pr-review@1.1.0"], resolved[1].RequiredBy.Select(c => c.ToString()));
        Assert.Equal(["diff-reader@2.3.1"], resolved[2].RequiredBy.Select(c => c.ToString()));
    }

    [Fact]
    public async Task A_diamond_takes_the_highest_version_both_sides_accept()
    {
        var source = new Versions(
            Skill("release-kit", "1.0.0", "changelog@^1.0", "notes@^1.0"),
            Skill("changelog", "1.2.0", "text-utils@^1.2"),
            Skill("notes", "1.0.0", "text-utils@~1.3"),
            Skill("text-utils", "1.5.0"),
            Skill("text-utils", "1.3.4"),
            Skill("text-utils", "1.3.0"),
            Skill("text-utils", "1.2.0"));

        var resolved = await Resolve(source, "release-kit");

        Assert.Equal(["release-kit@1.0.0", "changelog@1.2.0", "notes@1.0.0", "text-utils@1.3.4"], Names(resolved));
        Assert.Equal(["changelog@1.2.0", "notes@1.0.0"], resolved[3].RequiredBy.Select(c => c.ToString()));
    }

    [Fact]
    public async Task A_dead_end_below_the_highest_version_backtracks_to_a_lower_one()
    {
        // summarizer 2.0.0 needs a tokenizer that does not exist; 1.4.0 works.
        var source = new Versions(
            Skill("summarizer", "2.0.0", "tokenizer@^3.0"),
            Skill("summarizer", "1.4.0", "tokenizer@^2.0"),
            Skill("tokenizer", "2.2.0"),
            Skill("tokenizer", "1.0.0"));

        var resolved = await Resolve(source, "summarizer");

        Assert.Equal(["summarizer@1.4.0", "tokenizer@2.2.0"], Names(resolved));
    }

    [Fact]
    public async Task A_version_chosen_early_is_changed_when_a_later_dependency_rules_it_out()
    {
        // a takes b 2.0.0 first; c then needs b ~1.0, so b backtracks to 1.0.5 (and a keeps its own b range).
        var source = new Versions(
            Skill("a", "1.0.0", "b@[1.0.0,)", "c@^1.0"),
            Skill("b", "2.0.0"),
            Skill("b", "1.0.5"),
            Skill("c", "1.0.0", "b@~1.0"));

        var resolved = await Resolve(source, "a");

        Assert.Equal(["a@1.0.0", "b@1.0.5", "c@1.0.0"], Names(resolved));
    }

    [Fact]
    public async Task Two_dependents_that_want_incompatible_versions_are_reported_with_their_chains()
    {
        var source = new Versions(
            Skill("pr-review", "1.1.0", "diff-reader@^2.0"),
            Skill("diff-reader", "2.1.0"),
            Skill("diff-reader", "1.4.3"));
        var installed = new[] { Installed("release-notes", "1.0.0", "diff-reader@~1.4"), Installed("diff-reader", "1.4.3") };

        var conflict = await Assert.ThrowsAsync<DependencyConflictException>(() => Resolve(source, "pr-review@^1.1", installed));

        Assert.Equal(
            "pr-review@1.1.0 needs diff-reader@^2.0; release-notes@1.0.0 (installed) needs diff-reader@~1.4; no version of diff-reader satisfies both (found: 2.1.0, 1.4.3)",
            conflict.Message);
        Assert.Equal(
            "Update or uninstall release-notes first (skillrt update release-notes --latest, or skillrt uninstall release-notes), ask for another version of pr-review (skillrt outdated shows what the feeds have), or ask the skills' authors to widen their ranges on diff-reader.",
            conflict.Conflict.Advice());
        Assert.Null(conflict.Limit);
    }

    [Fact]
    public async Task A_conflict_deep_in_the_graph_names_the_whole_chain()
    {
        var source = new Versions(
            Skill("release-kit", "1.0.0", "summarizer@^2.0", "notes@^1.0"),
            Skill("summarizer", "2.0.0", "tokenizer@^2.0"),
            Skill("notes", "1.0.0", "tokenizer@^1.0"),
            Skill("tokenizer", "2.0.0"),
            Skill("tokenizer", "1.9.0"));

        var conflict = await Assert.ThrowsAsync<DependencyConflictException>(() => Resolve(source, "release-kit"));

        Assert.Equal(
            "release-kit@1.0.0 > summarizer@2.0.0 needs tokenizer@^2.0; release-kit@1.0.0 > notes@1.0.0 needs tokenizer@^1.0; no version of tokenizer satisfies both (found: 2.0.0, 1.9.0)",
            conflict.Message);
    }

    [Fact]
    public async Task A_dependency_that_is_nowhere_is_reported_as_such()
    {
        var source = new Versions(Skill("pr-review", "1.0.0", "diff-reader@^2.0"));

        var conflict = await Assert.ThrowsAsync<DependencyConflictException>(() => Resolve(source, "pr-review"));

        Assert.Equal("pr-review@1.0.0 needs diff-reader@^2.0, but no version of diff-reader is on the feeds or installed", conflict.Message);
    }

    [Fact]
    public async Task A_request_no_version_matches_is_an_unmatched_request()
    {
        var source = new Versions(Skill("pr-review", "1.0.0"));

        var conflict = await Assert.ThrowsAsync<DependencyConflictException>(() => Resolve(source, "pr-review@^2.0"));

        Assert.True(conflict.Conflict.IsUnmatchedRequest);
        Assert.Equal("you asked for pr-review@^2.0, but no version of pr-review matches (found: 1.0.0)", conflict.Message);
    }

    [Fact]
    public async Task A_cycle_is_resolved_once_and_checked_both_ways()
    {
        var source = new Versions(
            Skill("ping", "1.2.0", "pong@^1.0"),
            Skill("pong", "1.1.0", "ping@^1.0"));

        var resolved = await Resolve(source, "ping");

        Assert.Equal(["ping@1.2.0", "pong@1.1.0"], Names(resolved));
        Assert.Equal(["pong@1.1.0"], resolved[0].RequiredBy.Select(c => c.ToString()));
    }

    [Fact]
    public async Task A_cycle_that_rules_out_the_requested_version_backtracks_or_reports_the_loop()
    {
        var backtracks = new Versions(
            Skill("ping", "2.0.0", "pong@^1.0"),
            Skill("ping", "1.0.0", "pong@^1.0"),
            Skill("pong", "1.0.0", "ping@^1.0"));
        Assert.Equal(["ping@1.0.0", "pong@1.0.0"], Names(await Resolve(backtracks, "ping")));

        var impossible = new Versions(
            Skill("ping", "2.0.0", "pong@^1.0"),
            Skill("pong", "1.0.0", "ping@^1.0"));
        var conflict = await Assert.ThrowsAsync<DependencyConflictException>(() => Resolve(impossible, "ping"));
        Assert.Equal("you asked for ping; ping@2.0.0 > pong@1.0.0 needs ping@^1.0; no version of ping satisfies both (found: 2.0.0)", conflict.Message);
    }

    [Fact]
    public async Task An_installed_dependent_blocks_an_upgrade_it_does_not_accept()
    {
        var source = new Versions(Skill("diff-reader", "2.1.0"), Skill("diff-reader", "1.4.3"));
        var installed = new[] { Installed("release-notes", "1.0.0", "diff-reader@~1.4"), Installed("diff-reader", "1.4.3") };

        var conflict = await Assert.ThrowsAsync<DependencyConflictException>(() => Resolve(source, "diff-reader@^2.0", installed));

        Assert.Equal("you asked for diff-reader@^2.0; release-notes@1.0.0 (installed) needs diff-reader@~1.4; no version of diff-reader satisfies both (found: 2.1.0, 1.4.3)", conflict.Message);

        // Without a range the newest version it accepts is chosen instead.
        Assert.Equal(["diff-reader@1.4.3"], Names(await Resolve(source, "diff-reader", installed)));
    }

    [Fact]
    public async Task An_installed_skill_that_the_resolution_replaces_no_longer_constrains()
    {
        // Updating release-notes itself: its new version brings its own range, the installed one's no longer holds.
        var source = new Versions(
            Skill("release-notes", "2.0.0", "diff-reader@^2.0"),
            Skill("release-notes", "1.0.0", "diff-reader@~1.4"),
            Skill("diff-reader", "2.1.0"),
            Skill("diff-reader", "1.4.3"));
        var installed = new[] { Installed("release-notes", "1.0.0", "diff-reader@~1.4") };

        var resolved = await Resolve(source, "release-notes@^2.0", installed);

        Assert.Equal(["release-notes@2.0.0", "diff-reader@2.1.0"], Names(resolved));
    }

    [Fact]
    public async Task Prereleases_are_chosen_only_when_a_range_asks_for_them()
    {
        var source = new Versions(
            Skill("lint", "2.0.0-beta.2"),
            Skill("lint", "1.5.0-rc.1"),
            Skill("lint", "1.4.0"),
            Skill("nightly", "0.3.0-alpha.2"),
            Skill("nightly", "0.3.0-alpha.1"));

        Assert.Equal(["lint@1.4.0"], Names(await Resolve(source, "lint@^1.0")));
        Assert.Equal(["lint@1.4.0"], Names(await Resolve(source, "lint")));
        Assert.Equal(["lint@2.0.0-beta.2"], Names(await Resolve(source, "lint@^2.0.0-beta.1")));

        // Published only as pre-releases: a bare name still installs the highest one.
        Assert.Equal(["nightly@0.3.0-alpha.2"], Names(await Resolve(source, "nightly")));
    }

    [Fact]
    public async Task A_resolution_without_conflicts_reads_only_the_versions_it_takes()
    {
        var source = new Versions(
            Skill("pr-review", "1.1.0", "diff-reader@^2.0"),
            Skill("pr-review", "1.0.0"),
            Skill("diff-reader", "2.1.0"),
            Skill("diff-reader", "2.0.0"),
            Skill("diff-reader", "1.0.0"));

        await Resolve(source, "pr-review@^1.0");

        // On a feed each version read is a download: the first of each skill is all it takes.
        Assert.Equal(1, source.Read["pr-review"]);
        Assert.Equal(1, source.Read["diff-reader"]);
    }

    [Fact]
    public async Task Resolution_gives_up_after_its_step_limit_with_the_first_conflict()
    {
        // Every a needs some b, and no b works: without a bound this tries every pair.
        var skills = new List<SkillCandidate>();
        for (var i = 20; i >= 1; i--)
        {
            skills.Add(Skill("a", $"1.{i}.0", "b@^1.0", "c@^9.0"));
            skills.Add(Skill("b", $"1.{i}.0"));
        }

        skills.Add(Skill("c", "1.0.0"));
        var source = new Versions([.. skills]);

        var conflict = await Assert.ThrowsAsync<DependencyConflictException>(() => new DependencyResolver(source, maxSteps: 15).ResolveAsync([Request("a")], [], Ct));

        Assert.Equal("gave up after trying 15 versions without finding a set that works", conflict.Limit);
        Assert.StartsWith("gave up after trying 15 versions without finding a set that works; the first conflict: a@1.20.0 needs c@^9.0, but no version of c matches (found: 1.0.0)", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ranges_skip_a_yanked_version_and_an_exact_request_or_dependency_takes_it()
    {
        var source = new Versions(
            Skill("pr-review", "1.2.0") with { IsYanked = true },
            Skill("pr-review", "1.1.0"),
            Skill("release-kit", "1.0.0", "pr-review@1.2.0"));

        Assert.Equal(["pr-review@1.1.0"], Names(await Resolve(source, "pr-review@^1.0")));
        Assert.Equal(["pr-review@1.1.0"], Names(await Resolve(source, "pr-review")));
        Assert.Equal(["pr-review@1.2.0"], Names(await Resolve(source, "pr-review@1.2.0")));
        Assert.Equal(["release-kit@1.0.0", "pr-review@1.2.0"], Names(await Resolve(source, "release-kit")));
    }

    [Fact]
    public async Task When_only_yanked_versions_match_the_conflict_says_so_and_how_to_install_one()
    {
        var source = new Versions(Skill("pr-review", "2.0.0") with { IsYanked = true }, Skill("pr-review", "1.0.0"));

        var conflict = await Assert.ThrowsAsync<DependencyConflictException>(() => Resolve(source, "pr-review@^2.0"));

        Assert.Contains("(found: 2.0.0 yanked, installable only as pr-review@2.0.0, 1.0.0)", conflict.Message, StringComparison.Ordinal);
    }

    private static Task<IReadOnlyList<ResolvedSkill>> Resolve(Versions source, string request, IReadOnlyList<SkillCandidate>? installed = null) =>
        new DependencyResolver(source).ResolveAsync([Request(request)], installed ?? [], Ct);

    private static ResolutionRequest Request(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? new ResolutionRequest(text, null, null) : new ResolutionRequest(text[..at], SkillVersionRange.Parse(text[(at + 1)..]), text[(at + 1)..]);
    }

    private static SkillCandidate Skill(string name, string version, params string[] dependencies) =>
        new(name, SemanticVersion.Parse(version), dependencies.Select(Dependency).ToList(), $"{name} {version} from 'test'");

    private static SkillCandidate Installed(string name, string version, params string[] dependencies) =>
        Skill(name, version, dependencies) with { Origin = "installed", IsInstalled = true };

    private static SkillDependency Dependency(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? new SkillDependency { Name = text } : new SkillDependency { Name = text[..at], Range = SkillVersionRange.Parse(text[(at + 1)..]) };
    }

    private static List<string> Names(IReadOnlyList<ResolvedSkill> resolved) => resolved.Select(r => r.Candidate.ToString()).ToList();

    /// <summary>Versions in memory, produced highest first as a feed would, counting how many of each skill were read.</summary>
    private sealed class Versions(params SkillCandidate[] candidates) : ISkillVersionSource
    {
        public Dictionary<string, int> Read { get; } = new(StringComparer.Ordinal);

        public async IAsyncEnumerable<SkillCandidate> GetVersionsAsync(string name, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach (var candidate in candidates.Where(c => c.Name == name).OrderByDescending(c => c.Version))
            {
                await Task.Yield();
                cancellationToken.ThrowIfCancellationRequested();
                Read[name] = Read.GetValueOrDefault(name) + 1;
                yield return candidate;
            }
        }
    }
}
