using System;

namespace SkillRt.Scanning.Engine;

/// <summary>Tells a file's language from its extension or, for an extension-less script, its shebang line.</summary>
internal static class LanguageDetector
{
    public static FileLanguage FromPath(string path, string? text)
    {
        var name = path.Substring(path.LastIndexOf('/') + 1);
        var dot = name.LastIndexOf('.');
        var extension = dot >= 0 ? name.Substring(dot).ToLowerInvariant() : string.Empty;
        switch (extension)
        {
            case ".md":
            case ".markdown":
            case ".mdx":
                return FileLanguage.Markdown;
            case ".sh":
            case ".bash":
            case ".zsh":
            case ".ksh":
            case ".command":
                return FileLanguage.Shell;
            case ".py":
            case ".pyw":
                return FileLanguage.Python;
            case ".js":
            case ".mjs":
            case ".cjs":
            case ".ts":
            case ".mts":
            case ".cts":
                return FileLanguage.JavaScript;
            case ".ps1":
            case ".psm1":
            case ".psd1":
                return FileLanguage.PowerShell;
        }

        return text is null ? FileLanguage.Text : FromShebang(text);
    }

    /// <summary>The language a fenced code block's info string names (<c>```bash</c>), or <see langword="null"/>.</summary>
    public static FileLanguage? FromFence(string info)
    {
        var word = info.Trim();
        var space = word.IndexOfAny([' ', '\t', '{', ',']);
        if (space >= 0)
        {
            word = word.Substring(0, space);
        }

        switch (word.ToLowerInvariant())
        {
            case "sh":
            case "bash":
            case "shell":
            case "zsh":
            case "console":
            case "shell-session":
            case "shellsession":
                return FileLanguage.Shell;
            case "py":
            case "python":
            case "python3":
                return FileLanguage.Python;
            case "js":
            case "javascript":
            case "ts":
            case "typescript":
            case "node":
                return FileLanguage.JavaScript;
            case "ps1":
            case "powershell":
            case "pwsh":
                return FileLanguage.PowerShell;
            default:
                return null;
        }
    }

    private static FileLanguage FromShebang(string text)
    {
        if (!text.StartsWith("#!", StringComparison.Ordinal))
        {
            return FileLanguage.Text;
        }

        var end = text.IndexOf('\n');
        var line = (end < 0 ? text : text.Substring(0, end)).ToLowerInvariant();
        if (line.Contains("python"))
        {
            return FileLanguage.Python;
        }

        if (line.Contains("node") || line.Contains("deno") || line.Contains("bun"))
        {
            return FileLanguage.JavaScript;
        }

        if (line.Contains("pwsh") || line.Contains("powershell"))
        {
            return FileLanguage.PowerShell;
        }

        return line.Contains("sh") ? FileLanguage.Shell : FileLanguage.Text;
    }
}
