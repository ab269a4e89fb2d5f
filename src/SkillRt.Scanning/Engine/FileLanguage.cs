namespace SkillRt.Scanning.Engine;

/// <summary>What a file is, as far as the rules care: which detectors of used capabilities apply to it.</summary>
internal enum FileLanguage
{
    /// <summary>Text of no known language (a .txt, .json, .csv asset).</summary>
    Text,

    /// <summary>A SKILL.md or another Markdown file; its fenced code blocks carry their own language.</summary>
    Markdown,

    /// <summary>sh, bash, zsh.</summary>
    Shell,

    /// <summary>Python.</summary>
    Python,

    /// <summary>JavaScript or TypeScript (Node, Deno, Bun).</summary>
    JavaScript,

    /// <summary>PowerShell.</summary>
    PowerShell,

    /// <summary>Not text: NUL bytes, or a known binary format.</summary>
    Binary,
}
