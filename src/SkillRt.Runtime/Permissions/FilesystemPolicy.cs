using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace SkillRt.Permissions;

/// <summary>A skill's <c>permissions.filesystem</c> rules, anchored to a folder, as checks on full paths.</summary>
/// <remarks>
/// Relative globs are anchored at the base folder, <c>~/</c> at the user's home, absolute ones stay
/// as they are (see <see cref="FilesystemGlob"/>). Paths are normalized with
/// <see cref="Path.GetFullPath(string)"/> before matching, so <c>reports/../secret</c> is
/// <c>secret</c>; letter case matters on Linux and not on Windows or macOS. Symbolic links are not
/// resolved here: callers that open files check the link's target too.
/// </remarks>
internal sealed class FilesystemPolicy
{
    private readonly (FilesystemGlob Glob, bool Writes)[] _rules;

    /// <summary>Compiles <paramref name="rules"/>, anchoring relative globs at <paramref name="baseDirectory"/>.</summary>
    public FilesystemPolicy(IReadOnlyList<SkillFilesystemRule> rules, string baseDirectory)
    {
        var baseFolder = FilesystemGlob.Normalize(baseDirectory);
        _rules = rules
            .Where(static rule => !string.IsNullOrWhiteSpace(rule.Pattern))
            .Select(rule => (FilesystemGlob.Create(rule.Pattern, baseFolder), rule.Access == SkillFileAccess.ReadWrite))
            .ToArray();
        Mounts = MergeMounts(_rules);
    }

    /// <summary>Whether any rule exists, so reading something may be allowed.</summary>
    public bool AllowsAnyRead => _rules.Length > 0;

    /// <summary>Whether a read-write rule exists, so writing something may be allowed.</summary>
    public bool AllowsAnyWrite => _rules.Any(static rule => rule.Writes);

    /// <summary>The globs as written, with their access, for messages to the model.</summary>
    /// <param name="writableOnly">Whether to leave out the read-only ones (and the access, then the same for all).</param>
    public IEnumerable<string> Describe(bool writableOnly = false) => _rules
        .Where(rule => rule.Writes || !writableOnly)
        .Select(rule => rule.Glob.Pattern.Trim() + (writableOnly ? string.Empty : rule.Writes ? " (read-write)" : " (read)"));

    /// <summary>Whether the skill may read or list <paramref name="fullPath"/>.</summary>
    public bool CanRead(string fullPath) => Matches(fullPath, writing: false);

    /// <summary>Whether the skill may create, change or delete <paramref name="fullPath"/>.</summary>
    public bool CanWrite(string fullPath) => Matches(fullPath, writing: true);

    /// <summary>
    /// Whether the skill may list the folder <paramref name="fullPath"/>: a rule matches it, or it is
    /// inside the wildcard-free start of a glob (<c>docs</c> for <c>docs/**/*.md</c>).
    /// </summary>
    /// <remarks>
    /// Matching alone would make <c>docs/*.md</c> useless to a model that has to find the files
    /// first: <c>docs</c> itself does not match. Listing shows names, not contents, and a lister
    /// shows only the entries that <see cref="CanRead"/> or <see cref="CanList"/> allow.
    /// </remarks>
    public bool CanList(string fullPath)
    {
        if (CanRead(fullPath))
        {
            return true;
        }

        string path;
        try
        {
            path = FilesystemGlob.Normalize(fullPath);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }

        return _rules.Any(rule => !rule.Glob.IsLiteral && FilesystemGlob.IsSameOrUnder(path, rule.Glob.Root));
    }

    /// <summary>The wildcard-free folders (or files) the rules reach, absolute, with whether any rule reaching them writes; what a sandbox mounts.</summary>
    /// <remarks>
    /// A mount inside another one that gives the same or more access is left out: the outer mount
    /// already shows it. A read-write folder inside a read-only one stays, so it can be mounted
    /// writable over it.
    /// </remarks>
    public IReadOnlyList<FilesystemMount> Mounts { get; }

    private bool Matches(string fullPath, bool writing)
    {
        string path;
        try
        {
            path = FilesystemGlob.Normalize(fullPath);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            // A path that is no path (a NUL character, say) is in no allowed place.
            return false;
        }

        foreach (var (glob, writes) in _rules)
        {
            if ((writes || !writing) && glob.IsMatch(path))
            {
                return true;
            }
        }

        return false;
    }

    private static FilesystemMount[] MergeMounts((FilesystemGlob Glob, bool Writes)[] rules)
    {
        var byPath = new Dictionary<string, bool>(FilesystemGlob.IgnoresCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var (glob, writes) in rules)
        {
            byPath[glob.Root] = byPath.TryGetValue(glob.Root, out var writable) ? writable || writes : writes;
        }

        return byPath
            .Where(mount => !byPath.Any(other =>
                !string.Equals(other.Key, mount.Key, FilesystemGlob.PathComparison) &&
                FilesystemGlob.IsSameOrUnder(mount.Key, other.Key) &&
                (other.Value || !mount.Value)))
            .OrderBy(static mount => mount.Key, StringComparer.Ordinal)
            .Select(static mount => new FilesystemMount(mount.Key, mount.Value))
            .ToArray();
    }
}
