using System.Text.Json;
using Ingestion.Contracts;
using Ingestion.Persistence.Database;
using Ingestion.Persistence.Outbox;
using MassTransit;
using Microsoft.Extensions.Logging;
using NpgsqlTypes;

namespace Ingestion.Saga.Review;

/// <summary>Takes documents off the <c>manual-review</c> queue into the reviewers' work list (the <c>manual_review</c> table).</summary>
internal sealed class ManualReviewConsumer(IngestionDatabase database, ILogger<ManualReviewConsumer> logger) : IConsumer<RequestManualReview>
{
    public async Task Consume(ConsumeContext<RequestManualReview> context)
    {
        var request = context.Message;
        await using var work = await ConsumerTransaction.BeginAsync(database, context);
        await using var insert = work.Command("""
            INSERT INTO manual_review (correlation_id, packet_id, site_id, document_id, file_name, sha256, content_reference,
                template_id, schema_version, fields, missing_fields, low_confidence_fields, requested_at)
            VALUES (@correlation, @packet, @site, @document, @file, @sha, @reference, @template, @schema, @fields, @missing, @uncertain, @requested)
            ON CONFLICT (correlation_id) DO NOTHING
            """);
        insert.Parameters.AddWithValue("correlation", request.CorrelationId);
        insert.Parameters.AddWithValue("packet", request.PacketId);
        insert.Parameters.AddWithValue("site", request.SiteId);
        insert.Parameters.AddWithValue("document", request.Document.DocumentId);
        insert.Parameters.AddWithValue("file", request.Document.FileName);
        insert.Parameters.AddWithValue("sha", request.Document.Sha256);
        insert.Parameters.AddWithValue("reference", request.Document.ContentReference);
        insert.Parameters.AddWithValue("template", request.TemplateId);
        insert.Parameters.AddWithValue("schema", request.SchemaVersion);
        insert.Parameters.AddWithValue("fields", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(request.Fields));
        insert.Parameters.AddWithValue("missing", request.MissingFields.ToArray());
        insert.Parameters.AddWithValue("uncertain", request.LowConfidenceFields.ToArray());
        insert.Parameters.AddWithValue("requested", request.RequestedAt);
        await insert.ExecuteNonQueryAsync(context.CancellationToken);
        await work.CommitAsync(context.CancellationToken);
        logger.LogInformation(
            "Document {CorrelationId} of site {SiteId} awaits manual review (missing {MissingFields}, uncertain {LowConfidenceFields})",
            request.CorrelationId, request.SiteId, request.MissingFields, request.LowConfidenceFields);
    }
}
