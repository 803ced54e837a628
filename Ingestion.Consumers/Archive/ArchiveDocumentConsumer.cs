using System.Text.Json;
using Ingestion.Contracts;
using Ingestion.Messaging.Fleet;
using Ingestion.Messaging.Telemetry;
using Ingestion.Persistence.Content;
using Ingestion.Persistence.Database;
using Ingestion.Persistence.Outbox;
using MassTransit;
using Microsoft.Extensions.Logging;
using NpgsqlTypes;

namespace Ingestion.Consumers.Archive;

/// <summary>
/// Hashes the stored content again, seals it read-only and records the document in the archive index. Idempotent: archiving
/// a document again keeps the first index row and its archival time.
/// </summary>
internal sealed class ArchiveDocumentConsumer(
    ContentStore store, IngestionDatabase database, WorkerIdentity worker, IngestionMetrics metrics, ILogger<ArchiveDocumentConsumer> logger)
    : IConsumer<ArchiveDocument>
{
    public async Task Consume(ConsumeContext<ArchiveDocument> context)
    {
        var command = context.Message;
        var run = StageRun.Of(context);

        // Validation hashed the bytes some time ago; what is archived must still be exactly what was validated (M6).
        var sha256 = await store.ComputeSha256Async(command.Document.ContentReference, context.CancellationToken);
        if (!string.Equals(sha256, command.Document.Sha256, StringComparison.Ordinal))
        {
            throw new InvalidDataException(
                $"The stored content {command.Document.ContentReference} now hashes to {sha256}, not the validated {command.Document.Sha256}: it changed after validation.");
        }

        store.Seal(command.Document.ContentReference);

        await using var work = await ConsumerTransaction.BeginAsync(database, context);
        await using var insert = work.Command("""
            INSERT INTO archived_documents (correlation_id, packet_id, site_id, study_id, document_id, artifact_type, file_name,
                size_bytes, sha256, content_reference, template_id, schema_version, fields, archived_at, archived_by)
            VALUES (@correlation, @packet, @site, @study, @document, @artifact, @file, @size, @sha, @reference, @template,
                @schema, @fields, @archived, @by)
            ON CONFLICT (correlation_id) DO UPDATE SET correlation_id = EXCLUDED.correlation_id
            RETURNING archived_at
            """);
        var document = command.Document;
        insert.Parameters.AddWithValue("correlation", command.CorrelationId);
        insert.Parameters.AddWithValue("packet", command.PacketId);
        insert.Parameters.AddWithValue("site", command.SiteId);
        insert.Parameters.AddWithValue("study", command.StudyId);
        insert.Parameters.AddWithValue("document", document.DocumentId);
        insert.Parameters.AddWithValue("artifact", document.ArtifactType);
        insert.Parameters.AddWithValue("file", document.FileName);
        insert.Parameters.AddWithValue("size", document.SizeBytes);
        insert.Parameters.AddWithValue("sha", document.Sha256);
        insert.Parameters.AddWithValue("reference", document.ContentReference);
        insert.Parameters.AddWithValue("template", command.TemplateId);
        insert.Parameters.AddWithValue("schema", command.SchemaVersion);
        insert.Parameters.AddWithValue("fields", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(command.Fields));
        insert.Parameters.AddWithValue("archived", DateTime.UtcNow);
        insert.Parameters.AddWithValue("by", worker.Actor.WorkerId);
        var archivedAt = (DateTime)(await insert.ExecuteScalarAsync(context.CancellationToken))!;
        await work.CommitAsync(context.CancellationToken);

        metrics.StageCompleted(run.Stage, run.ElapsedMs, "archived");
        logger.LogInformation(
            "Archived document {CorrelationId} ({ArtifactType} {FileName}, schema {SchemaVersion}, {LatencyMs:F1} ms)",
            command.CorrelationId, document.ArtifactType, document.FileName, command.SchemaVersion, run.ElapsedMs);
        await context.Send(new DocumentArchived
        {
            CorrelationId = command.CorrelationId,
            PacketId = command.PacketId,
            Sha256 = document.Sha256,
            ArchivedAt = archivedAt,
        });
    }
}
