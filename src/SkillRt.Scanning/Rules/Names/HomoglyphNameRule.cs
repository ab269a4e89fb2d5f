using System;
using System.Linq;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Names;

/// <summary>
/// SKILLSEC0702: a name that looks like a popular one but is spelled with other characters: Cyrillic
/// or Greek letters in a Latin name (<c>раndas</c> with a Cyrillic <c>р</c>), fullwidth letters, or ASCII
/// look-alikes (<c>pr-rev1ew</c>, <c>rnodel</c> for <c>model</c>). Also any name mixing scripts, which no
/// honest package ID needs. Readers cannot see the difference, so this is High.
/// </summary>
internal sealed class HomoglyphNameRule : INameRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0702",
        ScanSeverity.High,
        "Name imitates another with look-alike characters",
        "Spell the name in plain ASCII letters, digits and '-', and make it clearly different from popular names");

    public void Check(ScannedName name, ScanContext context)
    {
        var skeleton = Confusables.Skeleton(name.Value);
        foreach (var known in context.Options.KnownNames)
        {
            if (!string.Equals(name.Value, known, StringComparison.OrdinalIgnoreCase) && skeleton == Confusables.Skeleton(known))
            {
                context.Report(Descriptor, "The " + name.Kind + " '" + Evidence.Escape(name.Value, 80) + "' looks the same as the popular '" + Evidence.Escape(known, 80) + "' but is spelled differently (" + Difference(name.Value, known) + ")", name.Path, name.Line);
                return;
            }
        }

        var scripts = Confusables.Scripts(name.Value);
        if (scripts.Count > 1 || (scripts.Count == 1 && !scripts.Contains("Latin")))
        {
            context.Report(Descriptor, "The " + name.Kind + " '" + Evidence.Escape(name.Value, 80) + "' uses letters from " + string.Join(" and ", scripts.OrderBy(s => s, StringComparer.Ordinal)) + ", which can imitate Latin letters", name.Path, name.Line);
        }
    }

    private static string Difference(string value, string known)
    {
        for (var i = 0; i < Math.Min(value.Length, known.Length); i++)
        {
            if (char.ToLowerInvariant(value[i]) != char.ToLowerInvariant(known[i]))
            {
                return "'" + Evidence.Escape(value[i].ToString(), 20) + "' (" + Evidence.Name(value[i]) + ") where the other has '" + known[i] + "'";
            }
        }

        return "in length";
    }
}
