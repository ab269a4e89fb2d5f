using System;
using System.Text;

namespace SkillRt.Mcp;

/// <summary>
/// The variables the agents' MCP files use, replaced in every string of a server entry:
/// <c>${env:NAME}</c> (VS Code), <c>${NAME}</c> and <c>${NAME:-default}</c> (Claude Code),
/// <c>${workspaceFolder}</c> and <c>${userHome}</c> (VS Code). An unset variable without a default
/// becomes the empty string, so one server's missing token does not make the whole file unusable;
/// anything else in <c>${…}</c> (such as VS Code's <c>${input:id}</c>, which prompts a person) stays as written.
/// </summary>
internal static class McpConfigurationVariables
{
    public static string Expand(string value, string workspaceFolder, Func<string, string?> environment)
    {
        var start = value.IndexOf("${", StringComparison.Ordinal);
        if (start < 0)
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        var copied = 0;
        while (start >= 0)
        {
            var end = value.IndexOf('}', start + 2);
            if (end < 0)
            {
                break;
            }

            var expression = value[(start + 2)..end];
            if (TryResolve(expression, workspaceFolder, environment) is { } replacement)
            {
                result.Append(value, copied, start - copied).Append(replacement);
                copied = end + 1;
            }

            start = value.IndexOf("${", end + 1, StringComparison.Ordinal);
        }

        return result.Append(value, copied, value.Length - copied).ToString();
    }

    private static string? TryResolve(string expression, string workspaceFolder, Func<string, string?> environment)
    {
        switch (expression)
        {
            case "workspaceFolder":
                return workspaceFolder;
            case "userHome":
                return Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }

        if (expression.StartsWith("env:", StringComparison.Ordinal))
        {
            var name = expression[4..];
            return IsVariableName(name) ? environment(name) ?? string.Empty : null;
        }

        var separator = expression.IndexOf(":-", StringComparison.Ordinal);
        var variable = separator < 0 ? expression : expression[..separator];
        if (!IsVariableName(variable))
        {
            return null;
        }

        var found = environment(variable);
        return string.IsNullOrEmpty(found) && separator >= 0 ? expression[(separator + 2)..] : found ?? string.Empty;
    }

    private static bool IsVariableName(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
