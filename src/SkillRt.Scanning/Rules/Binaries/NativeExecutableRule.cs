using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Binaries;

/// <summary>
/// SKILLSEC0501: a native executable or library (ELF, PE, Mach-O, WebAssembly, by magic number, whatever
/// its name). Nobody can review what it does, and the same skill will not run on another OS. Scripts
/// are reviewable; programs belong in a package of their own, found on PATH (<c>dependencies.tools</c>).
/// </summary>
internal sealed class NativeExecutableRule : IFileRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0501",
        ScanSeverity.High,
        "Native executable",
        "Remove the binary; ship source scripts, or declare the program under dependencies.tools and install it separately");

    public void Check(ScannedFile file, ScanContext context)
    {
        if (file.Language != FileLanguage.Binary || NativeFormats.Detect(file.Content) is not { } format)
        {
            return;
        }

        context.Report(Descriptor, "The file is a native " + format + " executable or library, which cannot be reviewed", file.Path);
    }
}
