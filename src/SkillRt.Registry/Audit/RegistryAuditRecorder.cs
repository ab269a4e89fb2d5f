using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SkillRt.Registry.Storage;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Audit;

/// <summary>
/// <see cref="IRegistryAudit"/> over the scope's <see cref="RegistryDbContext"/>. An event that breaks
/// the log's limits is a bug in the module recording it, so it throws rather than truncating silently.
/// </summary>
internal sealed class RegistryAuditRecorder(RegistryDbContext database, IHttpContextAccessor http, TimeProvider time) : IRegistryAudit
{
    /// <summary>The longest details JSON an entry keeps, in UTF-8 bytes.</summary>
    public const int MaxDetailsBytes = 16 * 1024;

    /// <summary>The name recorded as the actor of changes made outside a request.</summary>
    public const string SystemActor = "system";

    public async Task RecordAsync(RegistryAuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        ArgumentException.ThrowIfNullOrWhiteSpace(auditEvent.Action);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(auditEvent.Action.Length, 64, nameof(auditEvent));
        if (auditEvent.Target is { Length: > 256 })
        {
            throw new ArgumentException("An audit event's Target is at most 256 characters.", nameof(auditEvent));
        }

        var details = auditEvent.Details?.ToJsonString();
        if (details is not null && Encoding.UTF8.GetByteCount(details) > MaxDetailsBytes)
        {
            throw new ArgumentException($"An audit event's Details are at most {MaxDetailsBytes} bytes of JSON.", nameof(auditEvent));
        }

        var context = http.HttpContext;
        var caller = context?.GetServerCaller();
        database.Add(new RegistryAuditEntry
        {
            OccurredAt = time.GetUtcNow().UtcDateTime,
            ActorAccountId = auditEvent.ActorAccountId ?? caller?.AccountId,
            ActorName = auditEvent.ActorName ?? (auditEvent.ActorAccountId is null ? caller?.AccountName : null) ?? SystemActor,
            Action = auditEvent.Action,
            PackageId = auditEvent.PackageId,
            NormalizedPackageId = auditEvent.PackageId?.ToLowerInvariant(),
            PackageVersion = auditEvent.PackageVersion,
            Target = auditEvent.Target,
            DetailsJson = details,
            ClientAddress = context?.Connection.RemoteIpAddress?.ToString(),
        });
        await database.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
