using System.Text.Json;
using Ingestion.Audit.Staging;
using Ingestion.Contracts;
using Ingestion.Identity.Signatures;
using Ingestion.Identity.Trail;
using Ingestion.Persistence.Database;
using Ingestion.Persistence.Outbox;
using MassTransit;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Operations.Holds;

/// <summary>
/// Places, reads and releases the compliance hold. Placing and releasing are audited, each entry staged in the transaction
/// that places or releases the hold; a hold can only be released by an operator's electronic signature with a reason, and
/// releasing it sends every packet it kept back to intake.
/// </summary>
public sealed class ComplianceHolds(IngestionDatabase database, AuditEntryFactory entries, AuditStaging staging, ElectronicSignatures signatures)
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

    /// <summary>The kind of record a release signature is bound to.</summary>
    public const string RecordKind = "compliance-hold";

    /// <summary>
    /// The SHA-256 of the hold as an operator signs its release: its id, when and by whom it was placed, its trigger and its
    /// figures. The packets it keeps are not part of it: they keep arriving while it is active, and all of them are released.
    /// </summary>
    public static string RecordHash(ComplianceHold hold)
    {
        ArgumentNullException.ThrowIfNull(hold);
        return Identity.Signatures.RecordHash.Of(json =>
        {
            json.WriteString("kind", RecordKind);
            json.WriteString("hold_id", hold.HoldId);
            json.WriteString("placed_at", hold.PlacedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("placed_by", hold.PlacedBy);
            json.WriteString("trigger", hold.Trigger);
            json.WriteString("reason", hold.Reason);
        });
    }

    /// <summary>
    /// Releases the active hold, signed by an operator (<see cref="SignatureMeanings.Release"/>) on the hold as
    /// <paramref name="seenHash"/> names it (when given): the release, its signature, its audit entries and every kept
    /// packet sent back to intake (through the bus outbox) commit together. Returns how many packets were released.
    /// </summary>
    public async Task<SignatureOutcome<int>> ReleaseAsync(SignatureRequest request, string? seenHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await ActiveAsync(cancellationToken) is not { } active)
        {
            return new SignatureOutcome<int> { Refusal = SignatureRefusal.NotApplicable, Message = "There is no active compliance hold." };
        }

        return await signatures.SignAsync(
            request with { Meaning = SignatureMeanings.Release }, AuditSubject.Of(active.HoldId), HeldState,
            async scope =>
            {
                var (connection, transaction) = (scope.Transaction.Connection, scope.Transaction.Transaction);
                ComplianceHold hold;
                await using (var read = new NpgsqlCommand(
                    "SELECT hold_id, placed_at, placed_by, trigger, reason FROM compliance_holds WHERE released_at IS NULL FOR UPDATE", connection, transaction))
                await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
                {
                    if (!await reader.ReadAsync(cancellationToken))
                    {
                        throw SigningScope.Refuse(SignatureRefusal.NotApplicable, "There is no active compliance hold (it was released meanwhile).");
                    }

                    hold = new ComplianceHold(
                        reader.GetGuid(0), DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc), reader.GetString(2), reader.GetString(3),
                        reader.GetString(4), 0);
                }

                var hash = RecordHash(hold);
                if (hold.HoldId != active.HoldId || (seenHash is not null && seenHash != hash))
                {
                    throw SigningScope.Refuse(SignatureRefusal.RecordChanged, "The hold changed since you looked at it; look again.");
                }

                var signature = await scope.SignAsync(new SignedRecord(RecordKind, AuditSubject.Of(hold.HoldId), HeldState, hash), cancellationToken);
                await using (var release = new NpgsqlCommand(
                    "UPDATE compliance_holds SET released_at = @at, released_by = @by, release_reason = @reason WHERE hold_id = @id",
                    connection, transaction))
                {
                    release.Parameters.AddWithValue("at", scope.SignedAt);
                    release.Parameters.AddWithValue("by", scope.Actor.WorkerId);
                    release.Parameters.AddWithValue("reason", scope.Reason);
                    release.Parameters.AddWithValue("id", hold.HoldId);
                    await release.ExecuteNonQueryAsync(cancellationToken);
                }

                var packets = new List<PacketSubmitted>();
                await using (var held = new NpgsqlCommand(
                    "UPDATE held_packets SET released_at = @at WHERE hold_id = @hold AND released_at IS NULL RETURNING packet::text",
                    connection, transaction))
                {
                    held.Parameters.AddWithValue("at", scope.SignedAt);
                    held.Parameters.AddWithValue("hold", hold.HoldId);
                    await using var reader = await held.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        packets.Add(JsonSerializer.Deserialize<PacketSubmitted>(reader.GetString(0), Json)!);
                    }
                }

                foreach (var packet in packets)
                {
                    await scope.Transaction.SendEndpointProvider.Send(packet, cancellationToken);
                }

                await scope.AuditAsync(cancellationToken, entries.ForFleet(
                    AuditActions.HoldReleased, HeldState, ReleasedState, hold.Trigger,
                    $"{scope.Reason} ({packets.Count} packets released; signature {signature.SignatureId})", scope.Actor, hold.HoldId,
                    occurredAt: scope.SignedAt));
                return packets.Count;
            },
            cancellationToken);
    }
}
