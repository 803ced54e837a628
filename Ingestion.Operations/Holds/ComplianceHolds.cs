using System.Text.Json;
using Ingestion.Audit.Staging;
using Ingestion.Contracts;
using Ingestion.Persistence.Database;
using Ingestion.Persistence.Outbox;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Operations.Holds;

/// <summary>
/// Places, reads and releases the compliance hold. Placing and releasing are audited, each entry staged in the transaction
/// that places or releases the hold; a hold can only be released by a named person with a reason, and releasing it hands
/// back every packet it kept, for intake.
/// </summary>
public sealed class ComplianceHolds(IngestionDatabase database, AuditEntryFactory entries, AuditStaging staging)
{
    private const string HeldState = "HELD";
    private const string ReleasedState = "RELEASED";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The active hold, or null.</summary>
    public async Task<ComplianceHold?> ActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT h.hold_id, h.placed_at, h.placed_by, h.trigger, h.reason,
                   (SELECT count(*)::int FROM held_packets p WHERE p.hold_id = h.hold_id AND p.released_at IS NULL)
            FROM compliance_holds h WHERE h.released_at IS NULL
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ComplianceHold(
                reader.GetGuid(0), DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetInt32(5))
            : null;
    }

    /// <summary>Places a hold, by this worker, unless one is active; returns whether it placed one.</summary>
    public async Task<bool> PlaceAsync(string trigger, string reason, CancellationToken cancellationToken = default)
    {
        var holdId = AuditEntryFactory.NewEventId();
        var placedAt = DateTime.UtcNow;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO compliance_holds (hold_id, placed_at, placed_by, trigger, reason)
            VALUES (@id, @at, @by, @trigger, @reason)
            ON CONFLICT ((true)) WHERE released_at IS NULL DO NOTHING
            """, connection, transaction);
        command.Parameters.AddWithValue("id", holdId);
        command.Parameters.AddWithValue("at", placedAt);
        command.Parameters.AddWithValue("by", entries.Worker.WorkerId);
        command.Parameters.AddWithValue("trigger", trigger);
        command.Parameters.AddWithValue("reason", reason);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        var placed = entries.ForFleet(AuditActions.HoldPlaced, ReleasedState, HeldState, trigger, reason, subjectId: holdId, occurredAt: placedAt);
        await staging.StageAsync(new OpenTransaction(connection, transaction), [placed], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Keeps a packet under the active hold.</summary>
    public async Task KeepAsync(Guid holdId, PacketSubmitted packet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packet);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "INSERT INTO held_packets (packet_id, hold_id, packet, held_at) VALUES (@packet, @hold, @json, now()) ON CONFLICT (packet_id) DO NOTHING",
            connection);
        command.Parameters.AddWithValue("packet", packet.PacketId);
        command.Parameters.AddWithValue("hold", holdId);
        command.Parameters.AddWithValue("json", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(packet, Json));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Releases the active hold for <paramref name="operatorName"/>; returns the packets it kept, to send back to intake, or
    /// null when none is active.
    /// </summary>
    public async Task<IReadOnlyList<PacketSubmitted>?> ReleaseAsync(string operatorName, string reason, CancellationToken cancellationToken = default)
    {
        var by = entries.Operator(operatorName);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var releasedAt = DateTime.UtcNow;
        Guid holdId;
        string trigger;
        await using (var release = new NpgsqlCommand(
            """
            UPDATE compliance_holds SET released_at = @at, released_by = @by, release_reason = @reason
            WHERE released_at IS NULL RETURNING hold_id, trigger
            """, connection, transaction))
        {
            release.Parameters.AddWithValue("at", releasedAt);
            release.Parameters.AddWithValue("by", by.WorkerId);
            release.Parameters.AddWithValue("reason", reason);
            await using var reader = await release.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            holdId = reader.GetGuid(0);
            trigger = reader.GetString(1);
        }

        var packets = new List<PacketSubmitted>();
        await using (var held = new NpgsqlCommand(
            "UPDATE held_packets SET released_at = @at WHERE hold_id = @hold AND released_at IS NULL RETURNING packet::text",
            connection, transaction))
        {
            held.Parameters.AddWithValue("at", releasedAt);
            held.Parameters.AddWithValue("hold", holdId);
            await using var reader = await held.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                packets.Add(JsonSerializer.Deserialize<PacketSubmitted>(reader.GetString(0), Json)!);
            }
        }

        var released = entries.ForFleet(
            AuditActions.HoldReleased, HeldState, ReleasedState, trigger, $"{reason} ({packets.Count} packets released)", by, holdId, occurredAt: releasedAt);
        await staging.StageAsync(new OpenTransaction(connection, transaction), [released], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return packets;
    }
}
