using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Store;

namespace SkillRt.Cli.Install;

/// <summary>
/// Installs skills from the feeds with everything they need: resolves the requests against the feeds
/// and the store (<see cref="DependencyResolver"/> over <see cref="SkillVersionCatalog"/>), then hands
/// every skill to be installed to one <see cref="SkillInstaller"/> call, so they are all validated
/// before any is published, and records what was asked for (<see cref="StoreRequests"/>). A conflict
/// stops everything before the first file is written.
/// </summary>
internal sealed class FeedInstaller
{
    private readonly SkillStore _store;
    private readonly NuGetSkillFeed _feed;
    private readonly TextWriter _output;
    private readonly IProgress<string>? _progress;

    /// <param name="store">Where the skills go.</param>
    /// <param name="feed">Where they come from.</param>
    /// <param name="output">Where one line per skill installed goes (stdout, or nowhere for JSON).</param>
    /// <param name="progress">The terminal's status line.</param>
    /// <param name="cancellationToken">Cancels reading the installed skills.</param>
    public FeedInstaller(SkillStore store, NuGetSkillFeed feed, TextWriter output, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        _store = store;
        _feed = feed;
        _output = output;
        _progress = progress;
        Catalog = new SkillVersionCatalog(feed, store);
        try
        {
            Installed = SkillVersionCatalog.InstalledSkills(store, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.StoreError, $"cannot read the skill store '{store.SkillsDirectory}': {exception.Message}; check its permissions.", exception.ToString(), exception);
        }
    }

    /// <summary>The versions on the feeds and in the store.</summary>
    public SkillVersionCatalog Catalog { get; }

    /// <summary>The version of each installed skill that counts, whose dependencies resolution keeps satisfied.</summary>
    public IReadOnlyList<SkillCandidate> Installed { get; }

    /// <summary>Resolves <paramref name="requests"/>; see <see cref="DependencyResolver.ResolveAsync"/>.</summary>
    public Task<IReadOnlyList<ResolvedSkill>> ResolveAsync(IReadOnlyList<ResolutionRequest> requests, CancellationToken cancellationToken) =>
        new DependencyResolver(Catalog).ResolveAsync(requests, Installed, cancellationToken);

    /// <summary>
    /// Installs the resolved skills that are not installed yet (all of them with <paramref name="force"/>),
    /// all or none, and reports each: installed, replaced, or already there.
    /// </summary>
    /// <param name="resolved">What <see cref="ResolveAsync"/> chose.</param>
    /// <param name="origin">What the user asked for, for messages about the whole set.</param>
    /// <param name="force">Reinstall versions that are already installed, from their packages.</param>
    /// <param name="cancellationToken">Cancels the install; nothing half-copied is left.</param>
    public async Task<IReadOnlyList<FeedInstallResult>> InstallAsync(IReadOnlyList<ResolvedSkill> resolved, string origin, bool force, CancellationToken cancellationToken)
    {
        var packages = new List<SkillPackage>();
        try
        {
            var sources = new List<SkillSource>();
            var notes = new Dictionary<string, string>(StringComparer.Ordinal);
            var results = new Dictionary<string, FeedInstallResult>(StringComparer.Ordinal);
            foreach (var skill in resolved)
            {
                var package = Catalog.PackageOf(skill.Name, skill.Version);
                var entry = Path.Combine(_store.SkillsDirectory, skill.Name, skill.Version.ToString());
                results[skill.Name] = new FeedInstallResult(skill, InstallOutcome.AlreadyInstalled, entry, package);
                if (skill.Candidate.IsInstalled && (!force || package is null))
                {
                    // Nothing to download or copy; a skill the user named still hears that it is there, as before.
                    if (skill.IsRequested)
                    {
                        await _output.WriteLineAsync($"{skill.Name} {skill.Version} is already installed at {entry}{(package is null ? string.Empty : "; pass --force to reinstall")}").ConfigureAwait(false);
                    }

                    continue;
                }

                if (package is null)
                {
                    throw new InvalidOperationException($"{skill.Candidate} was resolved from a feed, but its package was not kept.");
                }

                await _feed.VerifySignatureAsync(package, cancellationToken).ConfigureAwait(false);
                var opened = SkillPackage.Open(new MemoryStream(package.Content, writable: false), package.DisplayName, ExitCodes.FeedError);
                packages.Add(opened);
                sources.AddRange(opened.Sources(skill.Name));
                if (!skill.IsRequested && skill.RequiredBy.Count > 0)
                {
                    notes[skill.Name] = "(needed by " + string.Join(", ", skill.RequiredBy.Select(c => $"{c.Name} {c.Version}")) + ")";
                }
            }

            if (sources.Count > 0)
            {
                foreach (var installed in await new SkillInstaller(_store, _output, _progress).InstallAsync(sources, origin, force, skipInvalid: false, cancellationToken, notes).ConfigureAwait(false))
                {
                    results[installed.Name] = results[installed.Name] with { Outcome = installed.Outcome, Directory = installed.Directory };
                }
            }

            return resolved.Select(skill => results[skill.Name]).ToList();
        }
        finally
        {
            foreach (var package in packages)
            {
                package.Dispose();
            }
        }
    }

    /// <summary>
    /// Warns, one line each on <paramref name="error"/>, about resolved skills whose package version the
    /// feed says is yanked or deprecated (the reason, the message and the alternative), so that whoever
    /// installs one hears it, with or without <c>--json</c>.
    /// </summary>
    public async Task WarnAsync(IReadOnlyList<ResolvedSkill> resolved, TextWriter error)
    {
        foreach (var skill in resolved)
        {
            if (Catalog.PackageOf(skill.Name, skill.Version) is { State: { } state } package)
            {
                foreach (var warning in state.Warnings($"{package.PackageId} {package.PackageVersion} (skill {skill.Name} {skill.Version}, from {package.Source})"))
                {
                    await error.WriteLineAsync("skillrt: warning: " + warning).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Remembers that the user asked for <paramref name="requests"/> and that the other resolved skills came as their dependencies.</summary>
    public Task RecordAsync(IReadOnlyList<ResolutionRequest> requests, IReadOnlyList<ResolvedSkill> resolved, CancellationToken cancellationToken) =>
        StoreRequests.UpdateAsync(
            _store,
            records =>
            {
                foreach (var skill in resolved.Where(skill => !skill.IsRequested && !records.ContainsKey(skill.Name)))
                {
                    records[skill.Name] = new RecordedRequest(null, IsDirect: false);
                }

                foreach (var request in requests)
                {
                    records[request.Name] = new RecordedRequest(request.RangeText, IsDirect: true);
                }
            },
            cancellationToken);
}
