using System.Text.Json;
using Ingestion.Contracts;
using Ingestion.Identity.Signatures;
using Ingestion.Saga.Documents;

namespace Ingestion.Saga.Review;

/// <summary>
/// The version of a document in manual review that a reviewer signs: its identity, its template and its fields as they
/// stand after the corrections so far, hashed as canonical JSON. The saga rebuilds it from its own state and the stored
/// corrections when a decision arrives, and applies the decision only if the hash is the one signed.
/// </summary>
public sealed record ReviewRecord
{
    /// <summary>The kind of record a review signature is bound to.</summary>
    public const string Kind = "document-review";

    /// <summary>The document's saga.</summary>
    public required Guid CorrelationId { get; init; }

    /// <summary>The packet.</summary>
    public required Guid PacketId { get; init; }

    /// <summary>The site.</summary>
    public required string SiteId { get; init; }

    /// <summary>The site's id for the document.</summary>
    public required string DocumentId { get; init; }

    /// <summary>The file name as submitted.</summary>
    public required string FileName { get; init; }

    /// <summary>The document's SHA-256 as declared and verified.</summary>
    public required string DocumentSha256 { get; init; }

    /// <summary>Where the untouched original is.</summary>
    public required string ContentReference { get; init; }

    /// <summary>The template.</summary>
    public string? TemplateId { get; init; }

    /// <summary>The template version.</summary>
    public string? SchemaVersion { get; init; }

    /// <summary>The document's state, e.g. <c>MANUAL_REVIEW</c>.</summary>
    public required string State { get; init; }

    /// <summary>The fields after the corrections, in extraction order, corrected fields not found by extraction last.</summary>
    public required IReadOnlyList<ExtractedField> Fields { get; init; }

    /// <summary>The corrections applied, oldest first.</summary>
    public required IReadOnlyList<FieldCorrection> Corrections { get; init; }

    /// <summary>The SHA-256 of the canonical JSON of all the above (corrections by id).</summary>
    public required string Hash { get; init; }

    /// <summary>Builds the record from the saga's state and the document's corrections, oldest first.</summary>
    public static ReviewRecord Build(DocumentIngestionState saga, IReadOnlyList<FieldCorrection> corrections)
    {
        ArgumentNullException.ThrowIfNull(saga);
        ArgumentNullException.ThrowIfNull(corrections);
        var fields = saga.Fields.ToList();
        foreach (var correction in corrections)
        {
            var at = fields.FindIndex(f => f.Name == correction.FieldName);
            var corrected = new ExtractedField
            {
                Name = correction.FieldName,
                Value = correction.NewValue,
                Tier = FieldCorrection.ReviewerTier,
                Confidence = 1.0,
                Page = at >= 0 ? fields[at].Page : null,
            };
            if (at >= 0)
            {
                fields[at] = corrected;
            }
            else
            {
                fields.Add(corrected);
            }
        }

        var document = saga.Document;
        var record = new ReviewRecord
        {
            CorrelationId = saga.CorrelationId,
            PacketId = saga.PacketId,
            SiteId = saga.SiteId,
            DocumentId = document?.DocumentId ?? string.Empty,
            FileName = document?.FileName ?? string.Empty,
            DocumentSha256 = document?.Sha256 ?? string.Empty,
            ContentReference = document?.ContentReference ?? string.Empty,
            TemplateId = saga.TemplateId,
            SchemaVersion = saga.SchemaVersion,
            State = DocumentState.DisplayOf(saga.CurrentState),
            Fields = fields,
            Corrections = corrections,
            Hash = string.Empty,
        };
        return record with { Hash = RecordHash.Of(record.Write) };
    }

    private void Write(Utf8JsonWriter json)
    {
        json.WriteString("kind", Kind);
        json.WriteString("correlation_id", CorrelationId);
        json.WriteString("packet_id", PacketId);
        json.WriteString("site_id", SiteId);
        json.WriteString("document_id", DocumentId);
        json.WriteString("file_name", FileName);
        json.WriteString("document_sha256", DocumentSha256);
        json.WriteString("content_reference", ContentReference);
        json.WriteString("template_id", TemplateId);
        json.WriteString("schema_version", SchemaVersion);
        json.WriteString("state", State);
        json.WriteStartArray("fields");
        foreach (var field in Fields)
        {
            json.WriteStartObject();
            json.WriteString("name", field.Name);
            json.WriteString("value", field.Value);
            json.WriteString("tier", field.Tier);
            json.WriteNumber("confidence", field.Confidence);
            if (field.Page is { } page)
            {
                json.WriteNumber("page", page);
            }
            else
            {
                json.WriteNull("page");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("corrections");
        foreach (var correction in Corrections)
        {
            json.WriteStringValue(correction.CorrectionId);
        }

        json.WriteEndArray();
    }
}
