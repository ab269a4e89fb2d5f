using System.Linq;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Permissions;

/// <summary>
/// SKILLSEC0103: code writes, moves or deletes files (shell <c>&gt;</c>, <c>tee</c>, <c>rm</c>; Python
/// <c>open(…, 'w')</c>, <c>shutil.rmtree</c>; Node <c>fs.writeFile</c>; PowerShell <c>Set-Content</c>…) but no
/// <c>permissions.filesystem</c> rule grants read-write access. Writes to <c>/dev/null</c>, <c>/tmp</c>,
/// <c>$TMPDIR</c> and <c>mktemp</c> results are not reported: the runtime gives each process a private
/// temporary folder.
/// </summary>
internal sealed class UndeclaredFileWriteRule : IFileRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0103",
        ScanSeverity.Medium,
        "File write not declared in permissions",
        "Add a read-write glob for the files the skill writes under `permissions: filesystem:` in SKILL.md (for example `- ./out/**`), or write to $TMPDIR");

    public void Check(ScannedFile file, ScanContext context)
    {
        if (file.Skill is not { } skill || !context.Wants(Descriptor, file.Path))
        {
            return;
        }

        if (skill.Permissions.Filesystem.Any(rule => rule.Access == SkillFileAccess.ReadWrite))
        {
            return;
        }

        foreach (var use in file.CapabilityUses(context.CancellationToken))
        {
            if (use.Kind == CapabilityKind.FileWrite)
            {
                var target = use.Subject is { Length: > 0 } subject ? " to " + Evidence.Escape(subject, 80) : string.Empty;
                context.Report(Descriptor, "Writes or deletes files (" + Evidence.Escape(use.What, 60) + target + ") but no permissions.filesystem rule grants read-write access", file.Path, use.Line, Evidence.Around(file.Text!, use.Index, use.Length));
            }
        }
    }
}
