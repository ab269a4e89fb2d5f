using System;
using System.Globalization;
using System.Text;

namespace SkillRt.Memory.Querying;

/// <summary>
/// The path of a value filter: <c>$</c>, then <c>.name</c>, <c>["any name"]</c> or <c>[index]</c> steps.
/// Parsed here and rewritten in SQLite's JSON path syntax with every name quoted, so no name is read
/// as path syntax by the database.
/// </summary>
internal static class ValuePath
{
    public const int MaxSteps = 16;

    public static bool TryToSqlite(string? path, out string sqlitePath, out string problem)
    {
        sqlitePath = "";
        problem = "";
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            problem = "a path starts with '$' (e.g. '$.endpoint.retries')";
            return false;
        }

        var builder = new StringBuilder("$");
        var steps = 0;
        var i = 1;
        while (i < path.Length)
        {
            if (++steps > MaxSteps)
            {
                problem = $"a path has at most {MaxSteps} steps";
                return false;
            }

            if (path[i] == '.')
            {
                var start = ++i;
                while (i < path.Length && (char.IsAsciiLetterOrDigit(path[i]) || path[i] is '_' or '-'))
                {
                    i++;
                }

                if (i == start || char.IsAsciiDigit(path[start]) || path[start] == '-')
                {
                    problem = $"after '.' at position {start - 1} comes a name of letters, digits, '_' and '-' starting with a letter or '_'; write other names as [\"name\"]";
                    return false;
                }

                builder.Append(".\"").Append(path, start, i - start).Append('"');
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '"')
            {
                var start = i + 2;
                var end = path.IndexOf('"', start);
                if (end < 0 || end + 1 >= path.Length || path[end + 1] != ']' || end == start)
                {
                    problem = $"the quoted name at position {i} must be closed with \"] and not be empty";
                    return false;
                }

                var name = path.Substring(start, end - start);
                if (name.Contains('\\') || HasControl(name))
                {
                    problem = $"the quoted name at position {i} may not contain '\\' or control characters";
                    return false;
                }

                builder.Append(".\"").Append(name).Append('"');
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var start = ++i;
                while (i < path.Length && char.IsAsciiDigit(path[i]))
                {
                    i++;
                }

                if (i == start || i >= path.Length || path[i] != ']' || i - start > 9)
                {
                    problem = $"the index at position {start - 1} must be a whole number below 1000000000 closed with ']'";
                    return false;
                }

                builder.Append('[').Append(int.Parse(path.AsSpan(start, i - start), CultureInfo.InvariantCulture)).Append(']');
                i++;
            }
            else
            {
                problem = $"unexpected '{path[i]}' at position {i}: steps are .name, [\"name\"] or [index]";
                return false;
            }
        }

        sqlitePath = builder.ToString();
        return true;
    }

    private static bool HasControl(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
