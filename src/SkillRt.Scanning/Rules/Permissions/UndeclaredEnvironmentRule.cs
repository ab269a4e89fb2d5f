using System;
using System.Linq;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Permissions;

/// <summary>
/// SKILLSEC0102: code reads an environment variable that <c>permissions.env</c> does not list
/// (<c>$AWS_SECRET_ACCESS_KEY</c>, <c>os.environ["X"]</c>, <c>process.env.X</c>, <c>$env:X</c>), or dumps
/// the whole environment (<c>printenv</c>, <c>env</c>, <c>dict(os.environ)</c>), where credentials live.
/// <c>HOME</c>, <c>PATH</c>, <c>LANG</c> and <c>TMPDIR</c> are set by the runtime for every process (spec
/// 11.1) and need no declaration; nor do shell variables the script assigns itself.
/// </summary>
internal sealed class UndeclaredEnvironmentRule : IFileRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0102",
        ScanSeverity.Medium,
        "Environment variable not declared in permissions",
        "List the variables the skill reads under `permissions: env:` in SKILL.md, and read only those");

    public void Check(ScannedFile file, ScanContext context)
    {
        if (file.Skill is not { } skill || !context.Wants(Descriptor, file.Path))
        {
            return;
        }

        var declared = skill.Permissions.Environment;
        foreach (var use in file.CapabilityUses(context.CancellationToken))
        {
            if (use.Kind != CapabilityKind.Environment)
            {
                continue;
            }

            var evidence = Evidence.Around(file.Text!, use.Index, use.Length);
            if (use.Subject is null)
            {
                context.Report(Descriptor, "Reads the whole environment (" + Evidence.Escape(use.What, 60) + "), including any secrets in it", file.Path, use.Line, evidence, "Read only the variables the skill needs, by name, and list them under `permissions: env:`");
            }
            else if (!declared.Any(d => string.Equals(d, use.Subject, StringComparison.OrdinalIgnoreCase)))
            {
                context.Report(
                    Descriptor,
                    "Reads the environment variable " + Evidence.Escape(use.Subject, 80) + ", which permissions.env does not list",
                    file.Path,
                    use.Line,
                    evidence,
                    "Declare it in SKILL.md: `permissions: { env: [" + Evidence.Escape(use.Subject, 80) + "] }`, or stop reading it");
            }
        }
    }
}
