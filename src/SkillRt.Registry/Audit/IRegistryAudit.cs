using System.Threading;
using System.Threading.Tasks;

namespace SkillRt.Registry.Audit;

/// <summary>
/// Records what changed on the registry, by whom, in the audit log (<c>registry_audit</c>), which
/// administrators read at <c>GET /api/v2/audit</c>. Scoped: it writes through the request's registry
/// DbContext, so an entry recorded inside the transaction of the change it describes commits or rolls
/// back with that change, and a refused or failed change leaves no entry.
/// </summary>
public interface IRegistryAudit
{
    /// <summary>
    /// Adds <paramref name="auditEvent"/> to the log and saves the registry DbContext of this scope
    /// (with any changes pending on it). Call it after making the change and before committing its
    /// transaction. The actor and the client address are the current request's unless the event names
    /// an actor; outside a request (a background job) the actor is <c>system</c>.
    /// </summary>
    Task RecordAsync(RegistryAuditEvent auditEvent, CancellationToken cancellationToken);
}
