using System;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using SkillRt.Registry.Reading;

namespace SkillRt.Registry.Audit;

/// <summary>
/// The filters and page of <c>GET /api/v2/audit</c>: <c>package</c> (an ID, any case), <c>actor</c>
/// (an account name or ID), <c>action</c> (<c>package.yank</c>), <c>since</c> and <c>until</c> (ISO 8601
/// times, since inclusive, until exclusive), <c>take</c> (1 to the registry's page size, 50 by default) and
/// <c>cursor</c> (the <c>nextCursor</c> of the previous page).
/// </summary>
internal sealed record AuditLogQuery(
    string? Package, string? Actor, Guid? ActorId, string? Action, DateTime? Since, DateTime? Until, long? Before, int Take)
{
    public const int DefaultTake = 50;

    /// <summary>The query, or a problem naming the parameter that is wrong.</summary>
    public static (AuditLogQuery? Query, IResult? Problem) Read(IQueryCollection query, int maxTake)
    {
        var (parsed, error) = Parse(query, maxTake);
        return parsed is not null ? (parsed, null) : (null, ReadProblems.BadParameter(error!.Value.Parameter, error.Value.Detail));
    }

    /// <summary>The query, or the parameter that is wrong and what to write instead (the admin audit page shows it next to the field).</summary>
    public static (AuditLogQuery? Query, (string Parameter, string Detail)? Error) Parse(IQueryCollection query, int maxTake)
    {
        string? Text(string name) => query[name].ToString() is { Length: > 0 } value ? value.Trim() : null;

        var package = Text("package");
        var actor = Text("actor");
        var action = Text("action");
        if (package is { Length: > 128 } || actor is { Length: > 128 } || action is { Length: > 64 })
        {
            var name = package is { Length: > 128 } ? "package" : actor is { Length: > 128 } ? "actor" : "action";
            return (null, (name, $"'{name}' is too long; a package ID or account name is at most 128 characters, an action at most 64."));
        }

        DateTime? since = null, until = null;
        foreach (var (name, set) in new (string, Action<DateTime>)[] { ("since", t => since = t), ("until", t => until = t) })
        {
            if (Text(name) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                {
                    return (null, (name, $"'{text}' is not a time; write ISO 8601, such as 2026-05-01T10:00:00Z or 2026-05-01."));
                }

                set(time.UtcDateTime);
            }
        }

        var take = DefaultTake;
        if (Text("take") is { } takeText && (!int.TryParse(takeText, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take < 1 || take > maxTake))
        {
            return (null, ("take", $"'take' must be a whole number from 1 to {maxTake}."));
        }

        long? before = null;
        if (Text("cursor") is { } cursor)
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
            {
                return (null, ("cursor", "'cursor' must be the nextCursor of a previous page, as it was sent."));
            }

            before = id;
        }

        var actorId = Guid.TryParse(actor, out var parsed) ? parsed : (Guid?)null;
        return (new AuditLogQuery(package?.ToLowerInvariant(), actorId is null ? actor?.ToLowerInvariant() : null, actorId, action?.ToLowerInvariant(), since, until, before, take), null);
    }
}
