using Ingestion.Contracts;
using Ingestion.Persistence.Content;
using Ingestion.Persistence.Database;
using Ingestion.Persistence.Outbox;
using Npgsql;

namespace Ingestion.Site.Records;

/// <summary>
/// What a site uploaded and which packets were recorded for which site. A packet id belongs to the first site that
/// records it; intake accepts a packet message only if it is exactly what was recorded (<see cref="PacketFingerprint"/>).
/// </summary>
public sealed class SubmissionRecords(IngestionDatabase database)
{
    /// <summary>Records that <paramref name="siteId"/> uploaded <paramref name="content"/>; recording it again changes nothing.</summary>
    public async Task RecordContentAsync(string siteId, StoredContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        await using var connection = await database.OpenAsync(cancellationToken);
        await RecordContentAsync(connection, null, siteId, content, cancellationToken);
    }

    /// <summary>The sizes of the given hashes that <paramref name="siteId"/> uploaded; a hash it did not upload is absent.</summary>
    public async Task<IReadOnlyDictionary<string, long>> OwnedContentAsync(
        string siteId, IReadOnlyCollection<string> sha256s, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand(
            "SELECT sha256, size_bytes FROM site_content WHERE site_id = @site AND sha256 = ANY(@hashes)", connection);
        query.Parameters.AddWithValue("site", siteId);
        query.Parameters.AddWithValue("hashes", sha256s.ToArray());
        var owned = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            owned[reader.GetString(0)] = reader.GetInt64(1);
        }

        return owned;
    }

    /// <summary>
    /// Records <paramref name="packet"/> for its site in <paramref name="transaction"/>, unless its id is already recorded:
    /// then says whether it was this very packet, a changed one, or another site's.
    /// </summary>
    public static async Task<PacketRecording> RecordPacketAsync(
        IDatabaseTransactionContext transaction, PacketSubmitted packet, string recordedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(packet);
        var fingerprint = PacketFingerprint.Of(packet);
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO site_packets (packet_id, site_id, fingerprint, document_count, recorded_at, recorded_by)
            VALUES (@packet, @site, @fingerprint, @count, now(), @by)
            ON CONFLICT (packet_id) DO NOTHING
            """, transaction.Connection, transaction.Transaction))
        {
            insert.Parameters.AddWithValue("packet", packet.PacketId);
            insert.Parameters.AddWithValue("site", packet.SiteId);
            insert.Parameters.AddWithValue("fingerprint", fingerprint);
            insert.Parameters.AddWithValue("count", packet.Documents.Count);
            insert.Parameters.AddWithValue("by", recordedBy);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return PacketRecording.Recorded;
            }
        }

        var recorded = await FindPacketAsync(transaction.Connection, transaction.Transaction, packet.PacketId, cancellationToken)
            ?? throw new InvalidOperationException($"Packet {packet.PacketId} is neither new nor recorded.");
        if (!string.Equals(recorded.SiteId, packet.SiteId, StringComparison.Ordinal))
        {
            return PacketRecording.TakenByAnotherSite;
        }

        return string.Equals(recorded.Fingerprint, fingerprint, StringComparison.Ordinal) ? PacketRecording.AlreadyRecorded : PacketRecording.Changed;
    }

    /// <summary>The recorded packet, or null.</summary>
    public async Task<RecordedPacket?> FindPacketAsync(Guid packetId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindPacketAsync(connection, null, packetId, cancellationToken);
    }

    /// <summary>The recorded packet, or null, read in the caller's transaction.</summary>
    public static async Task<RecordedPacket?> FindPacketAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid packetId, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand(
            "SELECT site_id, fingerprint, document_count, recorded_at FROM site_packets WHERE packet_id = @packet", connection, transaction);
        query.Parameters.AddWithValue("packet", packetId);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new RecordedPacket(packetId, reader.GetString(0), reader.GetString(1), reader.GetInt32(2), DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc))
            : null;
    }

    /// <summary>Records an upload in the caller's connection (and transaction, if any).</summary>
    public static async Task RecordContentAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string siteId, StoredContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO site_content (site_id, sha256, size_bytes, uploaded_at) VALUES (@site, @sha, @size, now())
            ON CONFLICT (site_id, sha256) DO NOTHING
            """, connection, transaction);
        insert.Parameters.AddWithValue("site", siteId);
        insert.Parameters.AddWithValue("sha", content.Sha256);
        insert.Parameters.AddWithValue("size", content.SizeBytes);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }
}
