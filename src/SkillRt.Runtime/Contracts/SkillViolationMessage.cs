using System;
using System.Collections.Generic;
using System.Text;

namespace SkillRt;

/// <summary>Formats a list of violations the same way in every exception message.</summary>
internal static class SkillViolationMessage
{
    public static string Format(string header, IReadOnlyList<SkillViolation> violations)
    {
        if (violations.Count == 0)
        {
            return header + ".";
        }

        var builder = new StringBuilder(header).Append(violations.Count == 1 ? " (1 problem):" : $" ({violations.Count} problems):");
        foreach (var violation in violations)
        {
            builder.Append(Environment.NewLine).Append("  ").Append(violation);
        }

        return builder.ToString();
    }
}
