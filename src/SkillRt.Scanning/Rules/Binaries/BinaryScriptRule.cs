using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Binaries;

/// <summary>
/// SKILLSEC0502: a file in <c>scripts/</c>, or a SKILL.md or Markdown reference, that is not text (NUL
/// bytes) and is no known executable format: compiled bytecode, an obfuscated blob or a disguised
/// program. What an agent runs or reads must be reviewable. Binary assets (images, fonts) in
/// <c>assets/</c> are not reported.
/// </summary>
internal sealed class BinaryScriptRule : IFileRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0502",
        ScanSeverity.Medium,
        "Binary content where text is expected",
        "Ship scripts and instructions as UTF-8 text; put binary data in assets/");

    public void Check(ScannedFile file, ScanContext context)
    {
        if (file.Language != FileLanguage.Binary || NativeFormats.Detect(file.Content) is not null)
        {
            return;
        }

        var name = file.RelativePath.ToLowerInvariant();
        if (file.RelativePath.StartsWith("scripts/", System.StringComparison.OrdinalIgnoreCase) || name.EndsWith(".md", System.StringComparison.Ordinal)
            || name.EndsWith(".sh", System.StringComparison.Ordinal) || name.EndsWith(".py", System.StringComparison.Ordinal) || name.EndsWith(".js", System.StringComparison.Ordinal)
            || name.EndsWith(".ps1", System.StringComparison.Ordinal))
        {
            context.Report(Descriptor, "The file is binary (it holds NUL bytes) where a script or instructions are expected", file.Path);
        }
    }
}
