using System;
using System.IO;
using SkillRt.Permissions;

namespace SkillRt.Tools.Builtin;

/// <summary>The permission checks of the file tools, and the refusals the model reads.</summary>
internal static class FileAccessCheck
{
    /// <summary>
    /// Refuses unless the policy allows reading <paramref name="fullPath"/> and, when it is or goes
    /// through a symbolic link, the place the link leads to.
    /// </summary>
    /// <returns>The path with links followed: the one to open.</returns>
    public static string Read(BuiltinToolContext context, string fullPath) =>
        Check(context, fullPath, static (policy, path) => policy.CanRead(path), "read");

    /// <summary>Like <see cref="Read"/>, for listing a folder: <see cref="FilesystemPolicy.CanList"/>.</summary>
    public static string List(BuiltinToolContext context, string fullPath) =>
        Check(context, fullPath, static (policy, path) => policy.CanList(path), "list");

    /// <summary>Like <see cref="Read"/>, for creating or changing.</summary>
    public static string Write(BuiltinToolContext context, string fullPath) =>
        Check(context, fullPath, static (policy, path) => policy.CanWrite(path), "write");

    /// <summary>The rules as the model reads them in refusals and descriptions.</summary>
    public static string DescribeRules(FilesystemPolicy policy) => string.Join(", ", policy.Describe());

    private static string Check(BuiltinToolContext context, string fullPath, Func<FilesystemPolicy, string, bool> allowed, string verb)
    {
        if (!allowed(context.Files, fullPath))
        {
            throw Denied(context, fullPath, verb, null);
        }

        var real = ToolPaths.ResolveLinks(fullPath);
        if (!allowed(context.Files, real))
        {
            throw Denied(context, fullPath, verb, real);
        }

        return real;
    }

    private static ToolDeniedException Denied(BuiltinToolContext context, string fullPath, string verb, string? linkTarget)
    {
        var shown = ToolPaths.Display(fullPath, context.WorkingDirectory);
        var what = linkTarget is null
            ? $"'{shown}' does not match permissions.filesystem for {verb} access"
            : $"'{shown}' is a symbolic link (or inside one) to '{linkTarget}', which does not match permissions.filesystem for {verb} access";
        return new ToolDeniedException(
            ToolDenialReason.Filesystem,
            $"{what} (allowed: {DescribeRules(context.Files)}; relative globs start at {context.WorkingDirectory}{Path.DirectorySeparatorChar}).");
    }
}
