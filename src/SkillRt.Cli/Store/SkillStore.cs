using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Cli.Discovery;

namespace SkillRt.Cli.Store;

/// <summary>
/// The installed skills: <c>{root}/skills/{name}/{version}/SKILL.md</c>, several versions side by side.
/// Writers stage a complete copy under <c>{root}/.staging/</c> (same volume), then take the
/// <see cref="StoreLock"/> only to rename it into place, so readers see an entry whole or not at all.
/// Readers take no lock. A writer killed part-way leaves only things <see cref="Open"/> cleans up:
/// staging folders whose owner is dead (<see cref="StagingFolder"/>), entries moved aside, and the
/// journal of an unfinished replacement (<see cref="ReplacementJournal"/>), which it finishes or undoes.
/// </summary>
internal sealed class SkillStore
{
    /// <summary>The version folder used for a skill without a <c>version</c> (an Agent Skills file).</summary>
    public static readonly SemanticVersion UnversionedVersion = new(0, 0, 0);

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(60);

    // Below this many entries `skillrt list` reads them on its own thread: starting pool threads costs more.
    private const int ParallelThreshold = 16;

    public SkillStore(string root)
    {
        Root = root;
        SkillsDirectory = Path.Combine(root, "skills");
        StagingDirectory = Path.Combine(root, ".staging");
    }

    /// <summary>The store's root folder.</summary>
    public string Root { get; }

    /// <summary>The folder holding one folder per skill name.</summary>
    public string SkillsDirectory { get; }

    private string StagingDirectory { get; }

    /// <summary>
    /// Opens the store at <see cref="SkillStoreLocation.Resolve"/>, first cleaning up after any
    /// command that was killed while writing to it (<see cref="RecoverInterruptedWork"/>).
    /// </summary>
    public static SkillStore Open()
    {
        var store = new SkillStore(SkillStoreLocation.Resolve());
        store.RecoverInterruptedWork();
        return store;
    }

    /// <summary>
    /// Removes the staging folders of dead installs (never a live one's), and, under the store lock,
    /// finishes or undoes a replacement that was interrupted between its renames and deletes entries
    /// left moved aside. Costs one look at <c>.staging/</c> when there is nothing to do. Best effort:
    /// a store this process cannot write to is read as it is.
    /// </summary>
    public void RecoverInterruptedWork()
    {
        var needsLock = false;
        try
        {
            if (!Directory.Exists(StagingDirectory))
            {
                return;
            }

            foreach (var path in Directory.EnumerateFileSystemEntries(StagingDirectory))
            {
                var name = Path.GetFileName(path);
                if (name.EndsWith(ReplacementJournal.Suffix, StringComparison.Ordinal)
                    || name.EndsWith(ReplacementJournal.TemporarySuffix, StringComparison.Ordinal)
                    || name.EndsWith(ReplacementJournal.RetiredSuffix, StringComparison.Ordinal))
                {
                    // Written only under the store lock, so only under it can they be judged.
                    needsLock = true;
                }
                else if (name.EndsWith(StagingFolder.OwnerSuffix, StringComparison.Ordinal))
                {
                    // The owner file of a folder that is gone: published, or deleted, before its owner died.
                    var folder = path[..^StagingFolder.OwnerSuffix.Length];
                    if (!Directory.Exists(folder))
                    {
                        StagingFolder.DeleteIfAbandoned(folder);
                    }
                }
                else if (Directory.Exists(path))
                {
                    StagingFolder.DeleteIfAbandoned(path);
                }
            }

            if (needsLock)
            {
                using var storeLock = StoreLock.Acquire(Root, LockTimeout);
                RecoverLocked();
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for a later command that can write here; what a reader sees is unaffected.
        }
    }

    /// <summary>Every entry, sorted by name then version (lowest first), damaged ones included.</summary>
    public IReadOnlyList<StoreEntry> List(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(SkillsDirectory))
        {
            return [];
        }

        var folders = new List<(string Name, string Version, string Path)>();
        foreach (var nameFolder in Directory.EnumerateDirectories(SkillsDirectory))
        {
            foreach (var versionFolder in Directory.EnumerateDirectories(nameFolder))
            {
                folders.Add((Path.GetFileName(nameFolder), Path.GetFileName(versionFolder), versionFolder));
            }
        }

        // Reading and validating each SKILL.md is independent work: spread it over the cores, once
        // there is enough of it to pay for starting the thread pool's workers.
        var entries = new StoreEntry[folders.Count];
        if (folders.Count < ParallelThreshold)
        {
            for (var i = 0; i < folders.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                entries[i] = ReadEntry(folders[i].Name, folders[i].Version, folders[i].Path);
            }
        }
        else
        {
            Parallel.For(
                0,
                folders.Count,
                new ParallelOptions { CancellationToken = cancellationToken },
                i => entries[i] = ReadEntry(folders[i].Name, folders[i].Version, folders[i].Path));
        }

        Array.Sort(entries, CompareEntries);
        return entries;
    }

    /// <summary>The installed versions of one skill, lowest first, damaged ones included.</summary>
    public IReadOnlyList<StoreEntry> Versions(string name)
    {
        var folder = Path.Combine(SkillsDirectory, name);
        if (!IsStoreName(name) || !Directory.Exists(folder))
        {
            return [];
        }

        StoreEntry[] entries;
        try
        {
            entries = Directory.EnumerateDirectories(folder)
                .Select(path => ReadEntry(name, Path.GetFileName(path), path))
                .ToArray();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw StoreFailure($"cannot read the installed versions of {name} in '{folder}'", exception);
        }

        Array.Sort(entries, CompareEntries);
        return entries;
    }

    /// <summary>
    /// The highest sound version of <paramref name="name"/> in <paramref name="range"/>; with no range,
    /// the highest stable version, or the highest pre-release when only pre-releases are installed.
    /// </summary>
    public StoreEntry? Find(string name, SkillVersionRange? range)
    {
        var sound = Versions(name).Where(entry => entry.IsSound).ToList();
        return range is not null
            ? sound.LastOrDefault(entry => range.Satisfies(entry.Version!))
            : sound.LastOrDefault(entry => !entry.Version!.IsPrerelease) ?? sound.LastOrDefault();
    }

    /// <summary>
    /// A new empty folder on the store's volume to assemble a skill in before <see cref="PublishAsync"/>,
    /// owned by this process until disposed (which deletes it, if it was not published).
    /// </summary>
    public StagingFolder CreateStagingFolder() => StagingFolder.Create(StagingDirectory);

    /// <summary>
    /// Moves a staged, validated skill folder into <c>skills/{name}/{version}/</c>. An existing sound
    /// entry is kept unless <paramref name="replace"/>; a damaged one is always replaced.
    /// </summary>
    public async Task<InstallOutcome> PublishAsync(string stagedFolder, string name, SemanticVersion version, bool replace, CancellationToken cancellationToken)
    {
        var target = Path.Combine(SkillsDirectory, name, version.ToString());
        try
        {
            using var storeLock = await LockAsync(cancellationToken).ConfigureAwait(false);
            var outcome = InstallOutcome.Installed;
            if (Directory.Exists(target))
            {
                if (!replace && ReadEntry(name, version.ToString(), target).IsSound)
                {
                    SkillFolderFiles.DeleteQuietly(stagedFolder);
                    return InstallOutcome.AlreadyInstalled;
                }

                // FolderSwap moves the old entry aside first: the new one's rename then cannot collide,
                // and the old copy is deleted only once the new one is in place, or put back. The
                // journal, written first, lets the next command do either should this process die
                // between the renames, when the version is in neither place.
                var journal = ReplacementJournal.Write(Root, StagingDirectory, target);
                var retired = ReplacementJournal.Resolve(Root, journal.Retired);
                try
                {
                    FolderSwap.Replace(target, stagedFolder, retired, static () => StoreTestHook.Reach(StoreTestHook.BetweenRenames));
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // Nothing to recover once the old entry is back (or never left); otherwise the
                    // journal stays, and the next command puts it back.
                    if (Directory.Exists(target) || !Directory.Exists(retired))
                    {
                        File.Delete(journal.Path);
                    }

                    throw;
                }

                StoreTestHook.Reach(StoreTestHook.AfterRenames);

                // The journal goes before the old copy: a leftover .old without a journal is deleted
                // by the next command, a journal without its .old would be a replacement undone.
                File.Delete(journal.Path);
                SkillFolderFiles.DeleteQuietly(retired);
                outcome = InstallOutcome.Replaced;
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                Directory.Move(stagedFolder, target);
            }

            return outcome;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            SkillFolderFiles.DeleteQuietly(stagedFolder);
            throw StoreFailure($"cannot install {name} {version} into '{target}'", exception);
        }
        catch
        {
            // Cancelled, or the lock timed out: the staged copy is this method's to remove.
            SkillFolderFiles.DeleteQuietly(stagedFolder);
            throw;
        }
    }

    /// <summary>Removes the versions of <paramref name="name"/> that <paramref name="select"/> picks, damaged or not; returns what was removed.</summary>
    public async Task<IReadOnlyList<StoreEntry>> RemoveAsync(string name, Func<StoreEntry, bool> select, CancellationToken cancellationToken)
    {
        var removed = new List<StoreEntry>();
        try
        {
            using var storeLock = await LockAsync(cancellationToken).ConfigureAwait(false);
            foreach (var entry in Versions(name))
            {
                if (!select(entry))
                {
                    continue;
                }

                // Renamed out of skills/ first, so no reader ever sees a half-deleted entry.
                Directory.CreateDirectory(StagingDirectory);
                var retired = Path.Combine(StagingDirectory, Path.GetRandomFileName() + ReplacementJournal.RetiredSuffix);
                Directory.Move(entry.Directory, retired);
                SkillFolderFiles.DeleteQuietly(retired);
                removed.Add(entry);
            }

            var nameFolder = Path.Combine(SkillsDirectory, name);
            if (removed.Count > 0 && Directory.Exists(nameFolder) && !Directory.EnumerateFileSystemEntries(nameFolder).Any())
            {
                Directory.Delete(nameFolder);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw StoreFailure($"cannot uninstall {name} from '{SkillsDirectory}'", exception);
        }

        return removed;
    }

    /// <summary>Whether <paramref name="name"/> can be a folder under <c>skills/</c> (no separators, no dots-only names).</summary>
    public static bool IsStoreName(string name) =>
        name.Length > 0 && name.Trim('.').Length > 0 && name.IndexOfAny(['/', '\\', ':']) < 0 && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0;

    /// <summary>Takes the store lock, then finishes whatever a killed writer left under it.</summary>
    private async Task<StoreLock> LockAsync(CancellationToken cancellationToken)
    {
        var storeLock = await StoreLock.AcquireAsync(Root, LockTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            RecoverLocked();
            return storeLock;
        }
        catch
        {
            storeLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Under the store lock, where no live writer has anything in flight: every journal is an
    /// interrupted replacement, to finish (the new entry is in place: delete the old) or undo (it is
    /// not: put the old back); then every entry still moved aside, and every half-written journal,
    /// is a dead writer's leftover.
    /// </summary>
    private void RecoverLocked()
    {
        if (!Directory.Exists(StagingDirectory))
        {
            return;
        }

        var pending = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(StagingDirectory, "*" + ReplacementJournal.Suffix))
        {
            if (ReplacementJournal.Read(path) is not { } journal)
            {
                // Not something this store wrote whole: keep it, and the entry it may name, for a person to look at.
                pending.Add(Path.GetFileName(path)[..^ReplacementJournal.Suffix.Length] + ReplacementJournal.RetiredSuffix);
                continue;
            }

            var target = ReplacementJournal.Resolve(Root, journal.Target);
            var retired = ReplacementJournal.Resolve(Root, journal.Retired);
            if (!Directory.Exists(target) && Directory.Exists(retired))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                Directory.Move(retired, target);
            }

            File.Delete(path);
            SkillFolderFiles.DeleteQuietly(retired);
        }

        foreach (var path in Directory.EnumerateFileSystemEntries(StagingDirectory))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(ReplacementJournal.TemporarySuffix, StringComparison.Ordinal))
            {
                File.Delete(path);
            }
            else if (name.EndsWith(ReplacementJournal.RetiredSuffix, StringComparison.Ordinal) && !pending.Contains(name))
            {
                SkillFolderFiles.DeleteQuietly(path);
            }
        }
    }

    private static StoreEntry ReadEntry(string name, string versionText, string folder)
    {
        var file = Path.Combine(folder, "SKILL.md");
        if (!SemanticVersion.TryParse(versionText, out var version))
        {
            return new StoreEntry(name, versionText, null, folder, null, $"'{versionText}' is not a version; remove the folder '{folder}'.");
        }

        if (!File.Exists(file))
        {
            return new StoreEntry(name, versionText, version, folder, null, $"SKILL.md is missing; reinstall the skill or remove '{folder}'.");
        }

        SkillValidationResult result;
        try
        {
            result = SkillValidator.Validate(SkillDocument.Load(file));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new StoreEntry(name, versionText, version, folder, null, $"SKILL.md cannot be read ({exception.Message}); check its permissions or reinstall.");
        }

        var description = result.Manifest.Description;
        var firstError = result.Diagnostics.FirstOrDefault(d => d.Severity == SkillDiagnosticSeverity.Error);
        if (firstError is not null)
        {
            return new StoreEntry(name, versionText, version, folder, description, $"SKILL.md is invalid: {firstError.ToString(file)}; reinstall the skill.");
        }

        if (result.Manifest.Name is { } declared && !string.Equals(declared, name, StringComparison.Ordinal))
        {
            return new StoreEntry(name, versionText, version, folder, description, $"SKILL.md names the skill '{declared}', not '{name}'; reinstall the skill.");
        }

        var declaredVersion = result.Manifest.Version ?? UnversionedVersion;
        if (declaredVersion != version)
        {
            return new StoreEntry(name, versionText, version, folder, description, $"SKILL.md has version {declaredVersion}, not {versionText}; reinstall the skill.");
        }

        return new StoreEntry(name, versionText, version, folder, description, null);
    }

    private static int CompareEntries(StoreEntry left, StoreEntry right)
    {
        var byName = string.CompareOrdinal(left.Name, right.Name);
        if (byName != 0)
        {
            return byName;
        }

        // Unparseable version folders sort first, then SemVer precedence.
        return (left.Version, right.Version) switch
        {
            (null, null) => string.CompareOrdinal(left.VersionText, right.VersionText),
            (null, _) => -1,
            (_, null) => 1,
            var (l, r) => l.CompareTo(r),
        };
    }

    private static CliException StoreFailure(string what, Exception exception) =>
        new(ExitCodes.StoreError, $"{what}: {exception.Message}; check the folder's permissions and free space.", exception.ToString(), exception);
}
