namespace SkillRt.Scanning.Engine;

/// <summary>One file as the rules see it: its path inside the input, its (possibly capped) bytes, its text when it is text, and the skill it belongs to.</summary>
internal sealed class ScannedFile
{
    private TextLines? _lines;
    private MarkdownLayout? _markdown;
    private System.Collections.Generic.IReadOnlyList<CapabilityUse>? _uses;

    public ScannedFile(string path, byte[] content, long originalLength, SkillUnit? skill)
    {
        Path = path;
        Content = content;
        OriginalLength = originalLength;
        Skill = skill;
        RelativePath = skill is not null && path.StartsWith(skill.Folder, System.StringComparison.Ordinal) ? path.Substring(skill.Folder.Length) : path;
        Text = TextDecoder.TryDecode(content);
        Language = Text is null ? FileLanguage.Binary : LanguageDetector.FromPath(path, Text);
    }

    /// <summary>The path inside the input, with <c>/</c> separators; what findings show.</summary>
    public string Path { get; }

    /// <summary>The path inside the skill's folder (<c>scripts/run.sh</c>).</summary>
    public string RelativePath { get; }

    /// <summary>The bytes read, at most <see cref="ScanOptions.MaxFileBytes"/>.</summary>
    public byte[] Content { get; }

    /// <summary>The file's full size; larger than <see cref="Content"/> when it was capped.</summary>
    public long OriginalLength { get; }

    public bool IsTruncated => OriginalLength > Content.Length;

    public SkillUnit? Skill { get; }

    /// <summary>The decoded text, or <see langword="null"/> for a binary file.</summary>
    public string? Text { get; }

    public FileLanguage Language { get; }

    /// <summary>Whether this is the skill's SKILL.md.</summary>
    public bool IsSkillFile => Skill is not null && Path == Skill.SkillFilePath;

    /// <summary>Whether the file is in the skill's <c>scripts/</c> folder, or is a script by its extension or shebang.</summary>
    public bool IsScript => Language is FileLanguage.Shell or FileLanguage.Python or FileLanguage.JavaScript or FileLanguage.PowerShell
        || RelativePath.StartsWith("scripts/", System.StringComparison.OrdinalIgnoreCase);

    public TextLines Lines => _lines ??= new TextLines(Text ?? string.Empty);

    /// <summary>The Markdown layout, for Markdown files only.</summary>
    public MarkdownLayout? Markdown => Language == FileLanguage.Markdown ? _markdown ??= new MarkdownLayout(Lines) : null;

    /// <summary>Where the file uses the network, the environment or writes files; computed once for the three permission rules.</summary>
    public System.Collections.Generic.IReadOnlyList<CapabilityUse> CapabilityUses(System.Threading.CancellationToken cancellationToken) =>
        _uses ??= CapabilityDetector.Detect(this, cancellationToken);

    /// <summary>The language that applies at <paramref name="line"/>: the file's, or in Markdown the code block's (<see langword="null"/> in prose).</summary>
    public FileLanguage? CodeLanguageAt(int line) => Language == FileLanguage.Markdown ? Markdown!.CodeLanguage(line) : Language;
}
