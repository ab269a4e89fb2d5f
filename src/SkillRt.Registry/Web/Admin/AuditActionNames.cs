using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using SkillRt.Registry.Audit;
using SkillRt.Registry.Moderation;
using SkillRt.Registry.Namespaces;
using SkillRt.Registry.Ownership;
using SkillRt.Registry.Signing;

namespace SkillRt.Registry.Web.Admin;

/// <summary>
/// Every action the registry's areas record, for the audit page's suggestions: read from their
/// <c>*AuditActions</c> constants, so a new action is suggested without touching the page.
/// </summary>
internal static class AuditActionNames
{
    public static IReadOnlyList<string> All { get; } =
        new[] { typeof(RegistryAuditActions), typeof(ModerationAuditActions), typeof(NamespaceAuditActions), typeof(OwnershipAuditActions), typeof(SigningAuditActions) }
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
}
