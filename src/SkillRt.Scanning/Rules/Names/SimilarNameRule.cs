using System;
using System.Globalization;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Names;

/// <summary>
/// SKILLSEC0701: a skill name or package ID one or two edits away from a popular one
/// (<see cref="ScanOptions.KnownNames"/>): a typo (<c>pr-reveiw</c>), a letter more or less, or the same
/// words with other separators (<c>pr_review</c>, <c>prreview</c>). Typosquatting catches people who
/// mistype an install command. Names that look alike letter for letter are SKILLSEC0702.
/// </summary>
internal sealed class SimilarNameRule : INameRule
{
    public static readonly ScanRuleDescriptor Descriptor = new(
        "SKILLSEC0701",
        ScanSeverity.Medium,
        "Name close to a popular name",
        "Choose a name that is clearly different from existing popular skills and packages, or publish under your own prefix");

    public void Check(ScannedName name, ScanContext context)
    {
        var value = name.Value.ToLowerInvariant();
        var skeleton = Confusables.Skeleton(name.Value);
        foreach (var known in context.Options.KnownNames)
        {
            var target = known.ToLowerInvariant();
            if (target.Length == 0 || value == target || skeleton == Confusables.Skeleton(known))
            {
                continue; // The name itself, or a look-alike (SKILLSEC0702's business).
            }

            var bound = target.Length >= 10 ? Math.Max(context.Options.MaxNameEditDistance, 2) : context.Options.MaxNameEditDistance;
            var distance = EditDistance.Compute(value, target, bound);
            var sameWords = StripSeparators(value) == StripSeparators(target);
            if ((distance <= bound && target.Length >= 4) || sameWords)
            {
                var how = sameWords ? "the same words with different separators" : distance.ToString(CultureInfo.InvariantCulture) + (distance == 1 ? " edit" : " edits") + " away";
                context.Report(Descriptor, "The " + name.Kind + " '" + Evidence.Escape(name.Value, 80) + "' is " + how + " from the popular '" + Evidence.Escape(known, 80) + "'", name.Path, name.Line);
            }
        }
    }

    private static string StripSeparators(string value) => value.Replace("-", string.Empty).Replace("_", string.Empty).Replace(".", string.Empty);
}
