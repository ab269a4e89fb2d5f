using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkillRt.Registry.Audit;
using SkillRt.Registry.Ownership;
using SkillRt.Registry.Publishing;
using SkillRt.Registry.Reading;
using SkillRt.Registry.Storage;
using SkillRt.Server.Identity;

namespace SkillRt.Registry.Namespaces;

/// <summary>
/// Reserved prefixes: administrators reserve any prefix for any owner; an owner's members claim one by
/// proving, with a DNS TXT record, that the owner holds the domain of the same name. A claim is refused
/// when the prefix is reserved for another owner, overlaps another owner's reservation, or would cover
/// packages of other owners (administrators may nest reservations and cover existing packages: those
/// keep their owners, and the longest reservation decides new IDs). Every change is recorded in the
/// audit log (<see cref="NamespaceAuditActions"/>) in the same transaction as the change.
/// </summary>
internal sealed partial class NamespaceService(
    RegistryDbContext database,
    IOwnerDirectory directory,
    DnsTxtLookup dns,
    IOptions<NamespaceOptions> options,
    IRegistryAudit audit,
    RegistryGeneration generation,
    TimeProvider time,
    ILogger<NamespaceService> logger)
{
    private const int TokenBytes = 20;

    /// <summary>Every reservation, or one owner's, longest prefix last within an owner.</summary>
    public async Task<(IReadOnlyList<NamespaceView>? Namespaces, OwnershipProblem? Problem)> ListAsync(string? ownerName, CancellationToken cancellationToken)
    {
        var query = database.Set<PrefixReservation>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(ownerName))
        {
            var owner = await directory.FindAsync(ownerName, cancellationToken).ConfigureAwait(false);
            if (owner is null)
            {
                return (null, UnknownOwner(ownerName));
            }

            return (await ListOfOwnerAsync(owner, cancellationToken).ConfigureAwait(false), null);
        }

        var reservations = await query.OrderBy(r => r.NormalizedPrefix).Take(1000).ToListAsync(cancellationToken).ConfigureAwait(false);
        var owners = await directory.GetAsync(reservations.Select(r => r.OwnerId).Distinct().ToList(), cancellationToken).ConfigureAwait(false);
        return (reservations.Select(r => View(r, owners)).ToList(), null);
    }

    /// <summary>The reservations of one owner (the owner's web page shows them), shortest prefix first.</summary>
    public async Task<IReadOnlyList<NamespaceView>> ListOfOwnerAsync(OwnerInfo owner, CancellationToken cancellationToken)
    {
        var reservations = await database.Set<PrefixReservation>().AsNoTracking()
            .Where(r => r.OwnerId == owner.Id)
            .OrderBy(r => r.NormalizedPrefix).Take(1000)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return reservations.Select(r => View(r, owner)).ToList();
    }

    /// <summary>An administrator reserves <c>request.Prefix</c> for <c>request.Owner</c> (200 with the reservation; the same reservation again is no change).</summary>
    public async Task<(NamespaceView? Namespace, OwnershipProblem? Problem)> ReserveAsync(ServerCaller caller, NamespaceRequest request, CancellationToken cancellationToken)
    {
        var callerOwners = await CallerOwners.LoadAsync(caller, directory, cancellationToken).ConfigureAwait(false);
        if (!callerOwners.IsAdministrator)
        {
            return (null, OwnershipProblem.Forbidden(
                "Only administrators reserve prefixes directly",
                $"Claim a prefix for your owner by proving you hold its domain: 'skillrt namespace verify {PrefixOrExample(request.Prefix)} --domain <your domain> --owner <owner>' (POST api/v2/namespaces/verifications), or ask the registry's administrators."));
        }

        if (NamespacePrefix.Validate(request.Prefix) is { } invalid)
        {
            return (null, OwnershipProblem.Invalid("Invalid prefix", invalid));
        }

        if (string.IsNullOrWhiteSpace(request.Owner))
        {
            return (null, OwnershipProblem.Invalid("Owner missing", "Say which owner (user or organisation) the prefix is reserved for: send { \"prefix\": \"Contoso.\", \"owner\": \"contoso\" }."));
        }

        var owner = await directory.FindAsync(request.Owner, cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return (null, UnknownOwner(request.Owner));
        }

        var prefix = request.Prefix!;
        var normalized = NamespacePrefix.Normalize(prefix);
        var existing = await database.Set<PrefixReservation>().AsNoTracking().SingleOrDefaultAsync(r => r.NormalizedPrefix == normalized, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return existing.OwnerId == owner.Id
                ? (await ViewAsync(existing, cancellationToken).ConfigureAwait(false), null)
                : (null, await ReservedByOtherAsync(existing, cancellationToken).ConfigureAwait(false));
        }

        var reservation = new PrefixReservation
        {
            Id = Guid.NewGuid(),
            Prefix = prefix,
            NormalizedPrefix = normalized,
            OwnerId = owner.Id,
            ReservedByAccountId = caller.AccountId,
            ReservedAt = time.GetUtcNow().UtcDateTime,
        };
        database.Add(reservation);
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var reserved = Event(NamespaceAuditActions.Reserve, prefix, new() { ["owner"] = owner.Name, ["verified"] = false });
        if (await TrySaveAsync(reservation, transaction, reserved, cancellationToken).ConfigureAwait(false) is { } raced)
        {
            return (null, raced);
        }

        LogReserved(logger, prefix, owner.Name, caller.AccountName);
        return (View(reservation, owner), null);
    }

    /// <summary>Removes a reservation: an administrator, or a member of the owner it is reserved for. Packages under it keep their owners.</summary>
    public async Task<OwnershipProblem?> ReleaseAsync(ServerCaller caller, string prefix, CancellationToken cancellationToken)
    {
        var normalized = NamespacePrefix.Normalize(prefix);
        var reservation = await database.Set<PrefixReservation>().AsNoTracking().SingleOrDefaultAsync(r => r.NormalizedPrefix == normalized, cancellationToken).ConfigureAwait(false);
        if (reservation is null)
        {
            return OwnershipProblem.NotFound("Prefix not reserved", $"No reservation of '{NamespacePrefix.Shorten(prefix)}' exists; 'skillrt namespace list' shows them (a prefix ends in '.').");
        }

        var callerOwners = await CallerOwners.LoadAsync(caller, directory, cancellationToken).ConfigureAwait(false);
        if (!callerOwners.ActsFor(reservation.OwnerId))
        {
            var ownerName = await OwnerNameAsync(reservation.OwnerId, cancellationToken).ConfigureAwait(false);
            return OwnershipProblem.Forbidden("Not the prefix's owner", $"'{reservation.Prefix}' is reserved for '{ownerName}', and the account '{caller.AccountName}' is not a member of it; only its members and administrators release it.");
        }

        var released = Event(NamespaceAuditActions.Release, reservation.Prefix, new()
        {
            ["owner"] = await OwnerNameAsync(reservation.OwnerId, cancellationToken).ConfigureAwait(false),
            ["verified"] = reservation.VerifiedAt is not null,
            ["domain"] = reservation.VerifiedDomain,
        });
        await using (var transaction = await database.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            // A release that lost a race to another deleted nothing: the winner records it, so this one records nothing.
            if (await database.Set<PrefixReservation>().Where(r => r.Id == reservation.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return null;
            }

            await audit.RecordAsync(released, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            database.ChangeTracker.Clear();
        }

        generation.Advance();
        LogReleased(logger, reservation.Prefix, caller.AccountName);
        return null;
    }

    /// <summary>
    /// Starts (or repeats) a claim of a prefix through a domain: returns the TXT record to publish. The
    /// same owner, prefix and domain get the same token until it expires, so asking again is harmless.
    /// </summary>
    public async Task<(VerificationView? Verification, OwnershipProblem? Problem)> StartVerificationAsync(ServerCaller caller, NamespaceRequest request, CancellationToken cancellationToken)
    {
        if (NamespacePrefix.Validate(request.Prefix) is { } invalid)
        {
            return (null, OwnershipProblem.Invalid("Invalid prefix", invalid));
        }

        var (domain, domainProblem) = DomainName.Normalize(request.Domain);
        if (domain is null)
        {
            return (null, OwnershipProblem.Invalid("Invalid domain", domainProblem!));
        }

        var prefix = request.Prefix!;
        if (DomainName.MatchesPrefix(domain, prefix) is { } mismatch)
        {
            return (null, OwnershipProblem.Invalid("Prefix does not match the domain", mismatch));
        }

        var callerOwners = await CallerOwners.LoadAsync(caller, directory, cancellationToken).ConfigureAwait(false);
        var (owner, ownerProblem) = await ResolveOwnerAsync(callerOwners, request.Owner, cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return (null, ownerProblem);
        }

        var normalized = NamespacePrefix.Normalize(prefix);
        if (await ClaimProblemAsync(owner.Id, normalized, prefix, cancellationToken).ConfigureAwait(false) is { } claimProblem)
        {
            return (null, claimProblem);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var pending = await database.Set<DomainVerification>().AsNoTracking()
            .Where(v => v.OwnerId == owner.Id && v.NormalizedPrefix == normalized && v.Domain == domain && v.VerifiedAt == null && v.ExpiresAt > now)
            .OrderByDescending(v => v.RequestedAt)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (pending is null)
        {
            pending = new DomainVerification
            {
                Id = Guid.NewGuid(),
                OwnerId = owner.Id,
                Prefix = prefix,
                NormalizedPrefix = normalized,
                Domain = domain,
                Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(TokenBytes)),
                RequestedByAccountId = caller.AccountId,
                RequestedAt = now,
                ExpiresAt = now + options.Value.VerificationLifetime,
            };
            database.Add(pending);
            await using (var transaction = await database.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
            {
                // RecordAsync saves the verification with its entry.
                await audit.RecordAsync(
                    Event(NamespaceAuditActions.VerificationStart, prefix, new()
                    {
                        ["owner"] = owner.Name,
                        ["domain"] = domain,
                        ["verificationId"] = pending.Id.ToString(),
                        ["expiresAt"] = pending.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
                    }),
                    cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            database.ChangeTracker.Clear();
            LogVerificationStarted(logger, prefix, domain, owner.Name, caller.AccountName);
        }

        return (View(pending, owner.Name), null);
    }

    /// <summary>The caller's owners' verifications that are still pending.</summary>
    public async Task<IReadOnlyList<VerificationView>> ListVerificationsAsync(ServerCaller caller, CancellationToken cancellationToken)
    {
        var callerOwners = await CallerOwners.LoadAsync(caller, directory, cancellationToken).ConfigureAwait(false);
        var ownerIds = callerOwners.Owners.Select(o => o.Id).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        var pending = await database.Set<DomainVerification>().AsNoTracking()
            .Where(v => ownerIds.Contains(v.OwnerId) && v.VerifiedAt == null && v.ExpiresAt > now)
            .OrderBy(v => v.RequestedAt)
            .Take(200)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var names = callerOwners.Owners.ToDictionary(o => o.Id, o => o.Name);
        return pending.Select(v => View(v, names[v.OwnerId])).ToList();
    }

    /// <summary>
    /// Looks up <c>_skillrt.{domain}</c> and, when it carries the token, reserves the prefix for the
    /// owner as verified (or marks the owner's existing reservation verified).
    /// </summary>
    public async Task<(NamespaceView? Namespace, OwnershipProblem? Problem)> CheckVerificationAsync(ServerCaller caller, Guid verificationId, CancellationToken cancellationToken)
    {
        var verification = await database.Set<DomainVerification>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == verificationId, cancellationToken).ConfigureAwait(false);
        var callerOwners = await CallerOwners.LoadAsync(caller, directory, cancellationToken).ConfigureAwait(false);
        if (verification is null || !callerOwners.ActsFor(verification.OwnerId))
        {
            return (null, OwnershipProblem.NotFound("Unknown verification", $"There is no domain verification '{verificationId}' for your owners; start one with 'skillrt namespace verify <prefix> --domain <domain>'."));
        }

        var ownerName = await OwnerNameAsync(verification.OwnerId, cancellationToken).ConfigureAwait(false);
        if (verification.VerifiedAt is not null)
        {
            var done = await database.Set<PrefixReservation>().AsNoTracking().SingleOrDefaultAsync(r => r.NormalizedPrefix == verification.NormalizedPrefix && r.OwnerId == verification.OwnerId, cancellationToken).ConfigureAwait(false);
            if (done is not null)
            {
                return (await ViewAsync(done, cancellationToken).ConfigureAwait(false), null);
            }
        }

        if (verification.ExpiresAt <= time.GetUtcNow().UtcDateTime)
        {
            return (null, OwnershipProblem.Conflict("Verification expired", $"The token for '{verification.Prefix}' through {verification.Domain} expired at {verification.ExpiresAt:u}; start again ('skillrt namespace verify {verification.Prefix} --domain {verification.Domain}') for a new token."));
        }

        var recordName = DomainName.RecordName(verification.Domain);
        var expected = DomainName.RecordValue(verification.Token);
        var lookup = await dns.LookupAsync(recordName, cancellationToken).ConfigureAwait(false);
        LogChecked(logger, recordName, lookup.Outcome, ownerName);
        switch (lookup.Outcome)
        {
            case TxtLookupOutcome.Failed:
                return (null, OwnershipProblem.DnsFailed(
                    "DNS lookup failed",
                    $"The registry could not look up the TXT record {recordName}: {lookup.Error}. Nothing was changed; try again in a minute, and if it keeps failing tell the registry's administrators (SkillRt:Registry:Namespaces:DnsServers)."));
            case TxtLookupOutcome.NoSuchName:
            case TxtLookupOutcome.NoRecords:
                return (null, OwnershipProblem.NotVerified(
                    "TXT record not found",
                    $"{recordName} has no TXT record{(lookup.Outcome == TxtLookupOutcome.NoSuchName ? " (the name does not exist)" : "")}; publish TXT {recordName} \"{expected}\" at your DNS provider, wait for it to appear ('dig TXT {recordName}'), then check again."));
        }

        if (!lookup.Texts.Any(text => string.Equals(text.Trim(), expected, StringComparison.Ordinal)))
        {
            var seen = string.Join("; ", lookup.Texts.Take(5).Select(t => "\"" + NamespacePrefix.Shorten(t) + "\""));
            return (null, OwnershipProblem.NotVerified(
                "TXT record does not match",
                $"{recordName} has the TXT records {seen}, none of them \"{expected}\"; set the record to exactly that value (a token from an older request no longer counts), wait for it to appear, then check again."));
        }

        return await CompleteAsync(caller, verification, ownerName, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(NamespaceView?, OwnershipProblem?)> CompleteAsync(ServerCaller caller, DomainVerification verification, string ownerName, CancellationToken cancellationToken)
    {
        // Things may have changed since the token was issued: ask the squatting questions again.
        if (await ClaimProblemAsync(verification.OwnerId, verification.NormalizedPrefix, verification.Prefix, cancellationToken).ConfigureAwait(false) is { } claimProblem)
        {
            return (null, claimProblem);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var reservations = database.Set<PrefixReservation>();
        var existing = await reservations.SingleOrDefaultAsync(r => r.NormalizedPrefix == verification.NormalizedPrefix, cancellationToken).ConfigureAwait(false);
        PrefixReservation reservation;
        var details = new JsonObject { ["owner"] = ownerName };
        string action;
        if (existing is not null)
        {
            existing.VerifiedDomain = verification.Domain;
            existing.VerifiedAt = now;
            reservation = existing;
            action = NamespaceAuditActions.Verify;
        }
        else
        {
            reservation = new PrefixReservation
            {
                Id = Guid.NewGuid(),
                Prefix = verification.Prefix,
                NormalizedPrefix = verification.NormalizedPrefix,
                OwnerId = verification.OwnerId,
                ReservedByAccountId = caller.AccountId,
                ReservedAt = now,
                VerifiedDomain = verification.Domain,
                VerifiedAt = now,
            };
            reservations.Add(reservation);
            action = NamespaceAuditActions.Reserve;
            details["verified"] = true;
        }

        details["domain"] = verification.Domain;
        details["verificationId"] = verification.Id.ToString();

        // The verification is marked done in the same transaction as the reservation, so neither is left without the other.
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await database.Set<DomainVerification>().Where(v => v.Id == verification.Id).ExecuteUpdateAsync(set => set.SetProperty(v => v.VerifiedAt, now), cancellationToken).ConfigureAwait(false);
        if (await TrySaveAsync(reservation, transaction, Event(action, verification.Prefix, details), cancellationToken).ConfigureAwait(false) is { } raced)
        {
            return (null, raced);
        }

        LogVerified(logger, verification.Prefix, verification.Domain, ownerName, caller.AccountName);
        return (await ViewAsync(reservation, cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>
    /// Why <paramref name="ownerId"/> may not claim the prefix without an administrator: reserved for
    /// another owner, overlapping another owner's reservation, or covering other owners' packages.
    /// </summary>
    private async Task<OwnershipProblem?> ClaimProblemAsync(Guid ownerId, string normalized, string prefix, CancellationToken cancellationToken)
    {
        var shorter = NamespacePrefix.CandidatesFor(normalized[..^1]);
        var overlapping = await database.Set<PrefixReservation>().AsNoTracking()
            .Where(r => r.OwnerId != ownerId && (shorter.Contains(r.NormalizedPrefix) || r.NormalizedPrefix.StartsWith(normalized)))
            .OrderBy(r => r.NormalizedPrefix.Length)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (overlapping is not null)
        {
            if (overlapping.NormalizedPrefix == normalized)
            {
                return await ReservedByOtherAsync(overlapping, cancellationToken).ConfigureAwait(false);
            }

            var otherName = await OwnerNameAsync(overlapping.OwnerId, cancellationToken).ConfigureAwait(false);
            return OwnershipProblem.Conflict(
                "Prefix overlaps another owner's reservation",
                $"'{prefix}' overlaps '{overlapping.Prefix}', reserved for '{otherName}'; an owner cannot claim a prefix inside or around another owner's. Ask '{otherName}' or the registry's administrators.");
        }

        var bare = normalized[..^1];
        var captured = await database.Packages.AsNoTracking()
            .Where(p => (p.NormalizedId.StartsWith(normalized) || p.NormalizedId == bare)
                && p.OwnerId != ownerId
                && !database.Set<PackageCoOwner>().Any(c => c.RegistrationId == p.Id && c.OwnerId == ownerId))
            .OrderBy(p => p.NormalizedId)
            .Select(p => p.PackageId)
            .Take(5)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (captured.Count > 0)
        {
            return OwnershipProblem.Conflict(
                "Prefix covers packages of other owners",
                $"'{prefix}' would cover {string.Join(", ", captured.Select(id => $"'{id}'"))}{(captured.Count == 5 ? " and perhaps more" : "")}, owned by other owners; ask their owners to add yours as a co-owner first ('skillrt owner add <id> <owner>'), or ask the registry's administrators to reserve it (existing packages keep their owners).");
        }

        return null;
    }

    private async Task<(OwnerInfo? Owner, OwnershipProblem? Problem)> ResolveOwnerAsync(CallerOwners callerOwners, string? ownerName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ownerName))
        {
            return callerOwners.Owners.Count > 0
                ? (callerOwners.Owners[0], null)
                : (null, OwnershipProblem.Forbidden("No owner", $"The account '{callerOwners.Caller.AccountName}' has no owner; ask the server's administrator."));
        }

        var owner = await directory.FindAsync(ownerName, cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return (null, UnknownOwner(ownerName));
        }

        return callerOwners.ActsFor(owner.Id)
            ? (owner, null)
            : (null, OwnershipProblem.Forbidden("Not a member of the owner", $"The account '{callerOwners.Caller.AccountName}' is not a member of '{owner.Name}'; ask an administrator of '{owner.Name}' to add you, or claim the prefix for an owner you belong to."));
    }

    // Saves the pending reservation change with its audit entry (RecordAsync saves the context) and commits.
    // The unique prefix index decides races between two claims, on this replica or another: the loser's
    // transaction rolls back, entry included.
    private async Task<OwnershipProblem?> TrySaveAsync(PrefixReservation reservation, IDbContextTransaction transaction, RegistryAuditEvent auditEvent, CancellationToken cancellationToken)
    {
        try
        {
            await audit.RecordAsync(auditEvent, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            generation.Advance();
            return null;
        }
        catch (DbUpdateException exception) when (UniqueViolation.Is(exception))
        {
            // PostgreSQL refuses every statement in a failed transaction: end it before reading the winner.
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);

            database.ChangeTracker.Clear();
            var winner = await database.Set<PrefixReservation>().AsNoTracking().SingleAsync(r => r.NormalizedPrefix == reservation.NormalizedPrefix, cancellationToken).ConfigureAwait(false);
            return await ReservedByOtherAsync(winner, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            database.ChangeTracker.Clear();
        }
    }

    private static RegistryAuditEvent Event(string action, string prefix, JsonObject details) =>
        new(action) { Target = "namespace:" + prefix, Details = details };

    private async Task<OwnershipProblem> ReservedByOtherAsync(PrefixReservation existing, CancellationToken cancellationToken)
    {
        var ownerName = await OwnerNameAsync(existing.OwnerId, cancellationToken).ConfigureAwait(false);
        return OwnershipProblem.Conflict(
            "Prefix already reserved",
            $"'{existing.Prefix}' is reserved for the owner '{ownerName}'{(existing.VerifiedDomain is { } d ? $" (verified with {d})" : "")}; ask '{ownerName}' to add you, or ask the registry's administrators (a reservation must be released before it is given to another owner).");
    }

    private async Task<string> OwnerNameAsync(Guid ownerId, CancellationToken cancellationToken)
    {
        var found = await directory.GetAsync([ownerId], cancellationToken).ConfigureAwait(false);
        return found.TryGetValue(ownerId, out var owner) ? owner.Name : ownerId.ToString();
    }

    private async Task<NamespaceView> ViewAsync(PrefixReservation reservation, CancellationToken cancellationToken) =>
        View(reservation, await directory.GetAsync([reservation.OwnerId], cancellationToken).ConfigureAwait(false));

    private static NamespaceView View(PrefixReservation r, IReadOnlyDictionary<Guid, OwnerInfo> owners) =>
        owners.TryGetValue(r.OwnerId, out var owner) ? View(r, owner) : View(r, r.OwnerId.ToString(), "Unknown");

    private static NamespaceView View(PrefixReservation r, OwnerInfo owner) => View(r, owner.Name, owner.Kind.ToString());

    private static NamespaceView View(PrefixReservation r, string owner, string kind) =>
        new(r.Prefix, owner, kind, r.VerifiedAt is not null, r.VerifiedDomain, r.ReservedAt, r.VerifiedAt);

    private static VerificationView View(DomainVerification v, string owner) =>
        new(v.Id, v.Prefix, owner, v.Domain, DomainName.RecordName(v.Domain), "TXT", DomainName.RecordValue(v.Token), v.ExpiresAt, v.VerifiedAt);

    private static OwnershipProblem UnknownOwner(string name) =>
        OwnershipProblem.NotFound("Unknown owner", $"There is no user or organisation named '{NamespacePrefix.Shorten(name)}' on this registry; check the spelling ('skillrt owner list <package>' shows owners' names).");

    private static string PrefixOrExample(string? prefix) => string.IsNullOrWhiteSpace(prefix) ? "Contoso." : NamespacePrefix.Shorten(prefix);

    [LoggerMessage(Level = LogLevel.Information, Message = "Prefix {Prefix} reserved for {Owner} by {Account}")]
    private static partial void LogReserved(ILogger logger, string prefix, string owner, string account);

    [LoggerMessage(Level = LogLevel.Information, Message = "Prefix {Prefix} released by {Account}")]
    private static partial void LogReleased(ILogger logger, string prefix, string account);

    [LoggerMessage(Level = LogLevel.Information, Message = "Domain verification of {Prefix} through {Domain} for {Owner} started by {Account}")]
    private static partial void LogVerificationStarted(ILogger logger, string prefix, string domain, string owner, string account);

    [LoggerMessage(Level = LogLevel.Information, Message = "TXT {RecordName} checked for {Owner}: {Outcome}")]
    private static partial void LogChecked(ILogger logger, string recordName, TxtLookupOutcome outcome, string owner);

    [LoggerMessage(Level = LogLevel.Information, Message = "Prefix {Prefix} verified through {Domain} for {Owner} by {Account}")]
    private static partial void LogVerified(ILogger logger, string prefix, string domain, string owner, string account);
}
