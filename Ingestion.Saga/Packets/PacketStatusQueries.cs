using Ingestion.Contracts;
using Ingestion.Persistence.Database;
using Ingestion.Saga.Documents;
using Npgsql;

namespace Ingestion.Saga.Packets;

/// <summary>
/// Read-only queries behind <c>ingest status</c>, <c>ingest documents</c> and <c>ingest wait</c>. A document counts as
/// accounted for only once its final transition is also on the audit trail, which is appended asynchronously.
/// </summary>
public sealed class PacketStatusQueries(IngestionDatabase database)
{
    /// <summary>Progress of the given packets, or of every packet when none is given.</summary>
    public async Task<IReadOnlyList<PacketProgress>> PacketsAsync(IReadOnlyCollection<Guid> packetIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packetIds);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT p.packet_id, p.site_id, p.document_count, p.completed_at,
                   (SELECT count(*)::int FROM {DocumentIngestionStateMap.Table} d
                     WHERE d.packet_id = p.packet_id AND d.current_state = ANY(@final)),
                   (SELECT count(*)::int FROM {DocumentIngestionStateMap.Table} d
                     JOIN unnest(@settled, @settledDisplay) AS s (name, display) ON s.name = d.current_state
                     WHERE d.packet_id = p.packet_id
                       AND EXISTS (SELECT 1 FROM audit_ledger a WHERE a.correlation_id = d.correlation_id AND a.to_state = s.display)),
                   (SELECT count(*)::int FROM {DocumentIngestionStateMap.Table} d
                     WHERE d.packet_id = p.packet_id AND d.current_state = @review)
            FROM packets p
            WHERE cardinality(@ids) = 0 OR p.packet_id = ANY(@ids)
            ORDER BY p.received_at, p.packet_id
            """, connection);
        command.Parameters.AddWithValue("ids", packetIds.ToArray());
        command.Parameters.AddWithValue("final", DocumentState.Names(DocumentState.Final));
        command.Parameters.AddWithValue("settled", DocumentState.Names(DocumentState.Settled));
        command.Parameters.AddWithValue("settledDisplay", DocumentState.Displays(DocumentState.Settled));
        command.Parameters.AddWithValue("review", DocumentState.ManualReview.Name);
        var result = new List<PacketProgress>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new PacketProgress(
                reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6),
                reader.IsDBNull(3) ? null : DateTime.SpecifyKind(reader.GetDateTime(3), DateTimeKind.Utc)));
        }

        return result;
    }

    /// <summary>One document's saga instance, or null.</summary>
    public async Task<DocumentIngestionState?> DocumentAsync(Guid correlationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT data::text FROM {DocumentIngestionStateMap.Table} WHERE correlation_id = @id", connection);
        command.Parameters.AddWithValue("id", correlationId);
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? System.Text.Json.JsonSerializer.Deserialize<DocumentIngestionState>(json)
            : null;
    }

    /// <summary>The saga instances of the given packets' documents (all packets when none is given), by site and document id.</summary>
    public async Task<IReadOnlyList<DocumentIngestionState>> InstancesAsync(IReadOnlyCollection<Guid> packetIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packetIds);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT data::text FROM {DocumentIngestionStateMap.Table}
            WHERE cardinality(@ids) = 0 OR packet_id = ANY(@ids)
            ORDER BY site_id, data->'Document'->>'DocumentId'
            """, connection);
        command.Parameters.AddWithValue("ids", packetIds.ToArray());
        var result = new List<DocumentIngestionState>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(System.Text.Json.JsonSerializer.Deserialize<DocumentIngestionState>(reader.GetString(0))
                ?? throw new InvalidOperationException("A saga row holds no state."));
        }

        return result;
    }

    /// <summary>Every document of the given packets (all packets when none is given), by site and document id.</summary>
    public Task<IReadOnlyList<DocumentOutcome>> DocumentsAsync(IReadOnlyCollection<Guid> packetIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packetIds);
        return SearchAsync(new DocumentQuery { PacketIds = packetIds }, cancellationToken);
    }

    /// <summary>The documents matching every criterion of <paramref name="query"/>, by site and document id.</summary>
    public async Task<IReadOnlyList<DocumentOutcome>> SearchAsync(DocumentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT correlation_id, packet_id, site_id, data->'Document'->>'DocumentId', data->'Document'->>'ArtifactType',
                   data->'Document'->>'FileName', current_state, error_code, data->>'SchemaVersion',
                   coalesce((SELECT string_agg(t.tier || '×' || t.n, ' ' ORDER BY t.tier)
                             FROM (SELECT f->>'Tier' AS tier, count(*) AS n FROM jsonb_array_elements(data->'Fields') f GROUP BY 1) t), ''),
                   (SELECT count(*)::int FROM audit_ledger a
                     WHERE a.correlation_id = d.correlation_id AND a.to_state = ANY(@finalDisplay)),
                   EXISTS (SELECT 1 FROM archived_documents x WHERE x.correlation_id = d.correlation_id),
                   data->>'ArtifactClass',
                   coalesce((SELECT array_agg(f->>'Code' ORDER BY f->>'Code') FROM jsonb_array_elements(coalesce(data->'Findings', '[]'::jsonb)) f), ARRAY[]::text[])
            FROM {DocumentIngestionStateMap.Table} d
            WHERE (cardinality(@ids) = 0 OR packet_id = ANY(@ids))
              AND (@site::text IS NULL OR site_id = @site)
              AND (@state::text IS NULL OR current_state = @state)
              AND (@document::text IS NULL OR strpos(lower(data->'Document'->>'DocumentId'), lower(@document)) > 0)
            ORDER BY site_id, 4
            LIMIT @limit
            """, connection);
        command.Parameters.AddWithValue("ids", query.PacketIds.ToArray());
        command.Parameters.AddWithValue("finalDisplay", DocumentState.Displays(DocumentState.Final));
        command.Parameters.AddWithValue("site", (object?)query.SiteId ?? DBNull.Value);
        command.Parameters.AddWithValue("state", (object?)query.MachineState ?? DBNull.Value);
        command.Parameters.AddWithValue("document", (object?)query.DocumentIdContains ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", query.Limit);
        var result = new List<DocumentOutcome>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new DocumentOutcome(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                DocumentState.DisplayOf(reader.GetString(6)), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetString(9), reader.GetInt32(10), reader.GetBoolean(11))
            {
                ArtifactClass = reader.IsDBNull(12) ? null : reader.GetString(12),
                Findings = reader.GetFieldValue<string[]>(13),
            });
        }

        return result;
    }

    /// <summary>How many documents each site has in each state.</summary>
    public async Task<IReadOnlyList<(string SiteId, string State, int Count)>> CountsBySiteAndStateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT site_id, current_state, count(*)::int FROM {DocumentIngestionStateMap.Table} GROUP BY 1, 2 ORDER BY 1, 2", connection);
        var counts = new List<(string, string, int)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add((reader.GetString(0), DocumentState.DisplayOf(reader.GetString(1)), reader.GetInt32(2)));
        }

        return counts;
    }
}
