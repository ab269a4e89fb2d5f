namespace SkillRt;

/// <summary>The naming rules of the spec, each returning why a name is invalid, or <see langword="null"/>.</summary>
internal static class NameRules
{
    public const int MaxSkillNameLength = 64;
    public const int MaxInputNameLength = 64;
    private const int MaxToolNameLength = 128;

    /// <summary>Agent Skills names: 1–64 of a-z, 0-9 and '-', no leading, trailing or doubled '-'.</summary>
    public static string? CheckSkillName(string name)
    {
        if (name.Length == 0)
        {
            return "it is empty";
        }

        if (name.Length > MaxSkillNameLength)
        {
            return $"it is {name.Length} characters long; the limit is {MaxSkillNameLength}";
        }

        foreach (var c in name)
        {
            if (c is >= 'A' and <= 'Z')
            {
                return "it must be lowercase" + Suggestion(name);
            }

            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return "only lowercase letters a-z, digits 0-9 and '-' are allowed" + Suggestion(name);
            }
        }

        if (name[0] == '-' || name[name.Length - 1] == '-')
        {
            return "it must not start or end with '-'" + Suggestion(name);
        }

        return name.Contains("--") ? "it must not contain '--'" + Suggestion(name) : null;
    }

    /// <summary>The nearest valid name: lowercase, other characters turned into single hyphens.</summary>
    public static string ToValidSkillName(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[builder.Length - 1] != '-')
            {
                builder.Append('-');
            }
        }

        var suggestion = builder.ToString().TrimEnd('-');
        return suggestion.Length > MaxSkillNameLength ? suggestion.Substring(0, MaxSkillNameLength).TrimEnd('-') : suggestion;
    }

    private static string Suggestion(string name)
    {
        var suggestion = ToValidSkillName(name);
        return suggestion.Length > 0 ? " (use '" + suggestion + "')" : string.Empty;
    }

    /// <summary>Input names: a letter or '_', then letters, digits, '_' or '-'.</summary>
    public static bool IsValidInputName(string name)
    {
        if (name.Length == 0 || name.Length > MaxInputNameLength || !(IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(IsAsciiLetter(c) || c is (>= '0' and <= '9') or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A command name as found on PATH: no separators, spaces or shell syntax.</summary>
    public static bool IsValidToolName(string name)
    {
        if (name.Length == 0 || name.Length > MaxToolNameLength || name[0] == '-' || name[0] == '.')
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(IsAsciiLetter(c) || c is (>= '0' and <= '9') or '.' or '_' or '+' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An MCP server key: letters, digits and <c>. _ - @ /</c> (scoped package names appear as keys).</summary>
    public static bool IsValidMcpServerName(string name)
    {
        if (name.Length == 0 || name.Length > MaxToolNameLength || !(IsAsciiLetter(name[0]) || name[0] is (>= '0' and <= '9') or '@'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(IsAsciiLetter(c) || c is (>= '0' and <= '9') or '.' or '_' or '-' or '@' or '/'))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsValidEnvironmentVariable(string name)
    {
        if (name.Length == 0 || !(IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(IsAsciiLetter(c) || c is (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
}
