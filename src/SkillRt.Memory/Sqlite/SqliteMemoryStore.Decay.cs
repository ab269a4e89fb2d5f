using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using SkillRt.Memory.Decay;
using SkillRt.Memory.Querying;

namespace SkillRt.Memory.Sqlite;

internal sealed partial class SqliteMemoryStore
{
    public Task<DecayReport> DecayAsync(DecayRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.OlderThan <= TimeSpan.Zero)
        {
            throw new MemoryException(MemoryErrorCodes.InvalidRequest, $"olderThan is {request.OlderThan}: give a positive age, e.g. 30 days.");
        }

        var parameters = new List<(string, object)>();
        var where = new StringBuilder("m.state = 0 AND MAX(m.updated_at, COALESCE(m.last_read_at, 0)) <= $cutoff");
        if (request.Namespaces is { Count: > 0 })
        {
            QueryCompiler.AppendNamespaces(request.Namespaces, "namespaces", where, value =>
            {
                var name = "$n" + parameters.Count.ToString(CultureInfo.InvariantCulture);
                parameters.Add((name, value));
                return name;
            });
        }

        // A dry run writes nothing, but runs in a write transaction too, so it lists exactly what a real run at that moment would archive.
        return WriteAsync(async (connection, transaction, now) =>
        {
            var cutoff = now - (long)request.OlderThan.TotalMilliseconds;
            var all = new List<(string, object)>(parameters) { ("$cutoff", cutoff) };
            var memories = new List<DecayedMemory>();
            var count = 0;
            using (var select = Command(connection, transaction,
                $"SELECT m.id, m.namespace, m.kind, m.key, MAX(m.updated_at, COALESCE(m.last_read_at, 0)) AS used FROM memories m WHERE {where} ORDER BY used, m.id",
                all.ToArray()))
            using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (count++ >= _options.MaxDecayReportItems)
                    {
                        continue;
                    }

                    var used = reader.GetInt64(4);
                    memories.Add(new DecayedMemory
                    {
                        Id = reader.GetString(0),
                        Namespace = reader.GetString(1),
                        Kind = reader.GetString(2),
                        Key = reader.IsDBNull(3) ? null : reader.GetString(3),
                        LastUsedAt = MemoryRows.Time(used),
                        Freshness = Freshness.Of(TimeSpan.FromMilliseconds(now - used), _options.DecayHalfLife),
                    });
                }
            }

            if (!request.DryRun && count > 0)
            {
                all.Add(("$now", now));
                using var archive = Command(connection, transaction,
                    $"UPDATE memories AS m SET state = 1, archived_at = $now, version = version + 1 WHERE {where}", all.ToArray());
                await archive.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return new DecayReport { DryRun = request.DryRun, Count = count, Memories = memories };
        }, cancellationToken);
    }
}
