using System.Collections.Generic;
using SkillRt.Registry.Audit;

namespace SkillRt.Registry.Web.Admin;

/// <summary>One page of the audit log, newest first, and the cursor of the next (older) page when there is one.</summary>
internal sealed record AuditLogPage(IReadOnlyList<RegistryAuditEntry> Entries, long? NextCursor);
