using Ingestion.Contracts;
using Npgsql;

namespace Ingestion.Audit.Ledger;

/// <summary>
/// Reads an audit entry from a row of the ledger or of the staging table, which hold the same columns in the same order
/// from <c>event_id</c> to <c>attempt</c>, the ledger with <c>recorded_at</c> before the actor and its hashes before
/// <c>trace_id</c>.
/// </summary>
internal static class AuditEntryRow
{
    /// <param name="reader">The row: <c>event_id</c> at ordinal 1, <c>occurred_at</c> at 2.</param>
    /// <param name="actorAt">The ordinal of <c>actor_worker_id</c>; <c>attempt</c> is 14 columns later.</param>
    /// <param name="traceIdAt">The ordinal of <c>trace_id</c>.</param>
    public static AuditEntry Read(NpgsqlDataReader reader, int actorAt, int traceIdAt) => new()
    {
        EventId = reader.GetGuid(1),
        OccurredAt = DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc),
        Actor = new AuditActor { WorkerId = reader.GetString(actorAt), Host = reader.GetString(actorAt + 1), ProcessId = reader.GetInt32(actorAt + 2) },
        Action = reader.GetString(actorAt + 3),
        CorrelationId = reader.GetGuid(actorAt + 4),
        PacketId = reader.GetGuid(actorAt + 5),
        SiteId = reader.GetString(actorAt + 6),
        DocumentSha256 = reader.GetString(actorAt + 7),
        FromState = reader.IsDBNull(actorAt + 8) ? null : reader.GetString(actorAt + 8),
        ToState = reader.GetString(actorAt + 9),
        Outcome = reader.GetString(actorAt + 10),
        ErrorCode = reader.IsDBNull(actorAt + 11) ? null : reader.GetString(actorAt + 11),
        Reason = reader.IsDBNull(actorAt + 12) ? null : reader.GetString(actorAt + 12),
        SchemaVersion = reader.IsDBNull(actorAt + 13) ? null : reader.GetString(actorAt + 13),
        Attempt = reader.GetInt32(actorAt + 14),
        TraceId = reader.IsDBNull(traceIdAt) ? null : reader.GetString(traceIdAt),
    };
}
