using System;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace SkillRt.Permissions;

/// <summary>
/// One <c>permissions.filesystem</c> glob (spec section 8.2), anchored to a folder and compiled to a
/// regular expression over normalized absolute paths with <c>/</c> separators.
/// </summary>
/// <remarks>
/// <para>
/// Anchoring: a glob starting with <c>/</c> (or a drive, on Windows) is absolute; <c>~</c> and
/// <c>~/…</c> start at the user's home folder; anything else (<c>./reports/**</c>, <c>reports/**</c>,
/// <c>*.md</c>, <c>../shared/*</c>) is relative to the base folder.
/// </para>
/// <para>
/// The wildcard-free leading folders of the glob are resolved with <see cref="Path.GetFullPath(string)"/>
/// and become <see cref="Root"/>; the rest is compiled. <c>**</c> as a whole segment matches any
/// number of segments including none, so <c>reports/**</c> matches the folder <c>reports</c> itself
/// (it can be listed); <c>**</c> inside a segment (<c>a**b</c>) is the same as <c>*</c>. <c>*</c> and
/// <c>?</c> match names starting with a dot too: permissions are about places, not hidden files.
/// </para>
/// </remarks>
internal sealed class FilesystemGlob
{
    private const string SegmentChar = "[^/]";

    private readonly Regex _matcher;

    private FilesystemGlob(string pattern, string root, bool isLiteral, Regex matcher)
    {
        Pattern = pattern;
        Root = root;
        IsLiteral = isLiteral;
        _matcher = matcher;
    }

    /// <summary>The glob as written.</summary>
    public string Pattern { get; }

    /// <summary>The absolute, wildcard-free start of the glob: a folder, or the whole path when the glob has no wildcard.</summary>
    public string Root { get; }

    /// <summary>Whether the glob has no wildcard, so it names <see cref="Root"/> alone.</summary>
    public bool IsLiteral { get; }

    /// <summary>Whether paths differ by letter case on this system: not on Windows and macOS (their usual file systems fold case).</summary>
    public static bool IgnoresCase { get; } = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS();

    /// <summary>The string comparison that matches the file system's case rule.</summary>
    public static StringComparison PathComparison => IgnoresCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>Anchors <paramref name="pattern"/> at <paramref name="baseDirectory"/> and compiles it.</summary>
    public static FilesystemGlob Create(string pattern, string baseDirectory)
    {
        var text = ExpandHome(pattern.Trim());
        var (literal, restStart) = LiteralPrefix(text);

        string root;
        string rest;
        if (restStart < 0)
        {
            // No wildcard at all: the glob names one path.
            root = Resolve(literal, baseDirectory);
            rest = string.Empty;
        }
        else
        {
            var cut = literal.LastIndexOf('/');
            root = Resolve(cut < 0 ? "." : cut == 0 ? "/" : literal[..cut], baseDirectory);
            // The separator after the root goes with the rest, so `/**` there can match the root itself.
            rest = "/" + text[restStart..];
        }

        var expression = new StringBuilder("\\A");
        // The root ends in a separator only when it is the file system's root; the compiled rest
        // brings its own leading separator.
        expression.Append(Regex.Escape(rest.Length > 0 && root.EndsWith('/') ? root[..^1] : root));
        if (rest.Length > 0)
        {
            var position = 0;
            new Compiler(rest, expression).Sequence(ref position, inBraces: false, atSegmentStart: false);
        }

        expression.Append("\\z");
        var options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking | (IgnoresCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        return new FilesystemGlob(pattern, root, restStart < 0, new Regex(expression.ToString(), options));
    }

    /// <summary>Whether <paramref name="normalizedPath"/> (from <see cref="Normalize"/>) matches.</summary>
    public bool IsMatch(string normalizedPath) => _matcher.IsMatch(normalizedPath);

    /// <summary>
    /// The absolute form paths are matched in: <c>..</c> and <c>.</c> resolved, <c>/</c> as the
    /// separator, no trailing separator except on a root.
    /// </summary>
    public static string Normalize(string path)
    {
        var full = Path.GetFullPath(path);
        if (Path.DirectorySeparatorChar != '/')
        {
            full = full.Replace(Path.DirectorySeparatorChar, '/');
        }

        if (Path.AltDirectorySeparatorChar != '/')
        {
            full = full.Replace(Path.AltDirectorySeparatorChar, '/');
        }

        var rootLength = Path.GetPathRoot(full)?.Length ?? 0;
        while (full.Length > rootLength && full.Length > 1 && full.EndsWith('/'))
        {
            full = full[..^1];
        }

        return full;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or inside it (both normalized).</summary>
    public static bool IsSameOrUnder(string path, string folder)
    {
        if (!path.StartsWith(folder, PathComparison))
        {
            return false;
        }

        return path.Length == folder.Length || folder.EndsWith('/') || path[folder.Length] == '/';
    }

    // `~` is a shell convenience skill authors reach for (`~/.config/tool/**`); treating it as a
    // folder literally named `~` under the working folder would grant something nobody meant.
    private static string ExpandHome(string pattern)
    {
        if (pattern != "~" && !pattern.StartsWith("~/", StringComparison.Ordinal))
        {
            return pattern;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (home.Length == 0)
        {
            // No home folder (some service accounts): the glob then names nothing rather than the working folder.
            home = "/nonexistent-home";
        }

        var escaped = new StringBuilder();
        foreach (var c in home.Replace('\\', '/'))
        {
            if (c is '*' or '?' or '[' or ']' or '{' or '}' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.Append(pattern.AsSpan(1)).ToString();
    }

    /// <summary>
    /// The glob's text before its first wildcard, with escapes removed, and where the wildcard part
    /// starts: just after the last separator of the literal part; -1 when there is no wildcard.
    /// </summary>
    private static (string Literal, int RestStart) LiteralPrefix(string pattern)
    {
        var literal = new StringBuilder();
        var lastSeparator = -1;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c is '*' or '?' or '[' or '{')
            {
                return (literal.ToString(), lastSeparator + 1);
            }

            if (c == '\\' && i + 1 < pattern.Length)
            {
                c = pattern[++i];
            }

            if (c == '/')
            {
                lastSeparator = i;
            }

            literal.Append(c);
        }

        return (literal.ToString(), -1);
    }

    private static string Resolve(string literal, string baseDirectory)
    {
        if (literal.Length == 0)
        {
            literal = ".";
        }

        return Normalize(Path.IsPathRooted(literal) ? literal : Path.Combine(baseDirectory, literal));
    }

    /// <summary>Recursive descent over the wildcard part of a glob, writing the regular expression.</summary>
    private sealed class Compiler(string pattern, StringBuilder output)
    {
        /// <summary>
        /// Compiles up to the end, or inside braces up to the <c>,</c> or <c>}</c> that ends the
        /// alternative (left unconsumed). Returns whether such a terminator was reached.
        /// </summary>
        public bool Sequence(ref int position, bool inBraces, bool atSegmentStart)
        {
            while (position < pattern.Length)
            {
                var c = pattern[position];
                if (inBraces && c is ',' or '}')
                {
                    return true;
                }

                switch (c)
                {
                    case '/':
                        if (IsGlobstar(position + 1))
                        {
                            // `/**` closing the glob or an alternative: the folder itself or anything under it.
                            if (IsSequenceEnd(position + 3, inBraces))
                            {
                                output.Append("(?:/.*)?");
                                position += 3;
                                atSegmentStart = false;
                                continue;
                            }
                        }

                        output.Append('/');
                        position++;
                        atSegmentStart = true;
                        continue;
                    case '*':
                        if (atSegmentStart && IsGlobstar(position))
                        {
                            if (position + 2 < pattern.Length && pattern[position + 2] == '/')
                            {
                                // `**/`: zero or more whole segments.
                                output.Append("(?:" + SegmentChar + "+/)*");
                                position += 3;
                                atSegmentStart = true;
                                continue;
                            }

                            if (IsSequenceEnd(position + 2, inBraces))
                            {
                                output.Append(".*");
                                position += 2;
                                atSegmentStart = false;
                                continue;
                            }
                        }

                        while (position < pattern.Length && pattern[position] == '*')
                        {
                            position++;
                        }

                        output.Append(SegmentChar + "*");
                        atSegmentStart = false;
                        continue;
                    case '?':
                        output.Append(SegmentChar);
                        position++;
                        atSegmentStart = false;
                        continue;
                    case '[':
                        if (!CharacterClass(ref position))
                        {
                            Literal('[');
                            position++;
                        }

                        atSegmentStart = false;
                        continue;
                    case '{':
                        if (!Alternatives(ref position, atSegmentStart))
                        {
                            Literal('{');
                            position++;
                        }

                        atSegmentStart = false;
                        continue;
                    case '\\':
                        // A trailing backslash escapes nothing and stays itself.
                        Literal(position + 1 < pattern.Length ? pattern[position + 1] : '\\');
                        position += 2;
                        atSegmentStart = false;
                        continue;
                    default:
                        Literal(c);
                        position++;
                        atSegmentStart = false;
                        continue;
                }
            }

            return !inBraces;
        }

        private bool IsGlobstar(int position) =>
            position + 1 < pattern.Length && pattern[position] == '*' && pattern[position + 1] == '*' &&
            (position + 2 >= pattern.Length || pattern[position + 2] != '*');

        private bool IsSequenceEnd(int position, bool inBraces) =>
            position >= pattern.Length || (inBraces && pattern[position] is ',' or '}');

        private void Literal(char c) => output.Append(Regex.Escape(c.ToString()));

        /// <summary><c>{a,b}</c>; leaves everything untouched and returns false when the brace never closes.</summary>
        private bool Alternatives(ref int position, bool atSegmentStart)
        {
            var start = output.Length;
            var cursor = position + 1;
            output.Append("(?:");
            while (true)
            {
                if (!Sequence(ref cursor, inBraces: true, atSegmentStart) || cursor >= pattern.Length)
                {
                    output.Length = start;
                    return false;
                }

                if (pattern[cursor] == '}')
                {
                    output.Append(')');
                    position = cursor + 1;
                    return true;
                }

                output.Append('|');
                cursor++;
            }
        }

        /// <summary><c>[abc]</c>, <c>[a-z]</c>, <c>[!abc]</c>; returns false when the bracket never closes.</summary>
        private bool CharacterClass(ref int position)
        {
            var cursor = position + 1;
            var negated = cursor < pattern.Length && pattern[cursor] == '!';
            if (negated)
            {
                cursor++;
            }

            var members = new StringBuilder();
            var first = true;
            while (cursor < pattern.Length && (first || pattern[cursor] != ']'))
            {
                first = false;
                var low = pattern[cursor];
                if (low == '\\' && cursor + 1 < pattern.Length)
                {
                    low = pattern[++cursor];
                }

                cursor++;
                if (cursor + 1 < pattern.Length && pattern[cursor] == '-' && pattern[cursor + 1] != ']')
                {
                    var high = pattern[cursor + 1];
                    cursor += 2;
                    if (high == '\\' && cursor < pattern.Length)
                    {
                        high = pattern[cursor++];
                    }

                    Range(members, low, high);
                    continue;
                }

                Range(members, low, low);
            }

            if (cursor >= pattern.Length)
            {
                return false;
            }

            // One character of a name: never the separator, whatever the set says (Range leaves `/`
            // out of positive sets; negated ones add it).
            if (negated)
            {
                output.Append("[^/").Append(members).Append(']');
            }
            else
            {
                output.Append(members.Length == 0 ? "[^\\s\\S]" : "[" + members + "]");
            }

            position = cursor + 1;
            return true;
        }

        // A reversed range (`[z-a]`) matches nothing, as in POSIX, rather than failing the regex.
        private static void Range(StringBuilder members, char low, char high)
        {
            if (low > high)
            {
                return;
            }

            if (low <= '/' && '/' <= high)
            {
                if (low < '/')
                {
                    Range(members, low, (char)('/' - 1));
                }

                if (high > '/')
                {
                    Range(members, (char)('/' + 1), high);
                }

                return;
            }

            members.Append(ClassChar(low));
            if (high != low)
            {
                members.Append('-').Append(ClassChar(high));
            }
        }

        private static string ClassChar(char c) => c is '\\' or ']' or '[' or '^' or '-' ? "\\" + c : c.ToString();
    }
}
