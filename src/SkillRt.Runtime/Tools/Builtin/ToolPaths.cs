using System;
using System.Collections.Generic;
using System.IO;
using SkillRt.Permissions;

namespace SkillRt.Tools.Builtin;

/// <summary>Turns the paths a model writes into the absolute paths permissions are checked on.</summary>
internal static class ToolPaths
{
    // The usual limit of Unix kernels; a longer chain is a loop.
    private const int MaxLinkHops = 40;

    /// <summary>
    /// <paramref name="path"/> relative to <paramref name="baseDirectory"/> (or absolute), with
    /// <c>.</c> and <c>..</c> resolved; an <see cref="ArgumentException"/> for what is no path.
    /// </summary>
    public static string Resolve(string path, string baseDirectory, string argumentName = "path")
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw ToolArguments.Invalid($"The argument '{argumentName}' must not be empty.");
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw ToolArguments.Invalid($"The argument '{argumentName}' holds a NUL character.");
        }

        // `~/` means the home folder in globs (FilesystemGlob), so it does here too.
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..];
        }

        // A root keeps its separator; any other trailing one goes, so `out/` and `out` are the same folder.
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(path, Path.GetFullPath(baseDirectory)));
    }

    /// <summary>
    /// <paramref name="fullPath"/> with every symbolic link along it followed, so a link inside an
    /// allowed folder cannot lead the check past it. Parts that do not exist stay as they are.
    /// </summary>
    public static string ResolveLinks(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath);
        if (string.IsNullOrEmpty(root))
        {
            return fullPath;
        }

        var current = root;
        var pending = new Stack<string>();
        PushParts(pending, fullPath[root.Length..]);
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            string? target = null;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (IOException)
            {
                // Not a link, or gone: nothing to follow.
            }
            catch (UnauthorizedAccessException)
            {
            }

            if (target is null)
            {
                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                throw new IOException($"Too many symbolic links in '{fullPath}'.");
            }

            // A relative target is relative to the link's folder; its parts go before the rest.
            var resolved = Path.GetFullPath(target, current);
            var targetRoot = Path.GetPathRoot(resolved) ?? root;
            PushParts(pending, resolved[targetRoot.Length..]);
            current = targetRoot;
        }

        return current;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or inside it, by the file system's case rule.</summary>
    public static bool IsSameOrUnder(string path, string folder) =>
        FilesystemGlob.IsSameOrUnder(FilesystemGlob.Normalize(path), FilesystemGlob.Normalize(folder));

    /// <summary>How a path is shown to the model: relative to <paramref name="baseDirectory"/> when inside it.</summary>
    public static string Display(string fullPath, string baseDirectory)
    {
        var relative = Path.GetRelativePath(baseDirectory, fullPath);
        return relative == "." || relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? fullPath
            : relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    private static void PushParts(Stack<string> pending, string relative)
    {
        var parts = relative.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            pending.Push(parts[i]);
        }
    }
}
