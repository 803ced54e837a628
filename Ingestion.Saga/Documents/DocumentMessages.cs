using Ingestion.Contracts;

namespace Ingestion.Saga.Documents;

/// <summary>
/// What a document's saga sends, built from its state alone: each transition sends one of these, and a resumed document
/// sends again exactly what its state waits on, from the same builder.
/// </summary>
internal static class DocumentMessages
{
    public static ValidateDocument Validate(DocumentIngestionState saga) => new()
    {
        CorrelationId = saga.CorrelationId,
        PacketId = saga.PacketId,
        SiteId = saga.SiteId,
        Sha256 = saga.Document!.Sha256,
        ContentReference = saga.Document.ContentReference,
    };

    public static ParseDocument Parse(DocumentIngestionState saga) => new()
    {
        CorrelationId = saga.CorrelationId,
        PacketId = saga.PacketId,
        SiteId = saga.SiteId,
        Sha256 = saga.Document!.Sha256,
        ContentReference = saga.Document.ContentReference,
        TemplateId = saga.TemplateId!,
        SchemaVersion = saga.SchemaVersion!,
        ArtifactType = saga.Document.ArtifactType,
        ReceivedAt = saga.SubmittedAt,
    };

    public static ArchiveDocument Archive(DocumentIngestionState saga) => new()
    {
        CorrelationId = saga.CorrelationId,
        PacketId = saga.PacketId,
        SiteId = saga.SiteId,
        StudyId = saga.StudyId,
        Document = saga.Document!,
        TemplateId = saga.TemplateId!,
        SchemaVersion = saga.SchemaVersion!,
        Fields = saga.Fields,
    };

    public static RequestManualReview Review(DocumentIngestionState saga) => new()
    {
        CorrelationId = saga.CorrelationId,
        PacketId = saga.PacketId,
        SiteId = saga.SiteId,
        Document = saga.Document!,
        TemplateId = saga.TemplateId!,
        SchemaVersion = saga.SchemaVersion!,
        Fields = saga.Fields,
        MissingFields = saga.MissingFields,
        LowConfidenceFields = saga.LowConfidenceFields,
        RequestedAt = saga.ReviewRequestedAt ?? DateTime.UtcNow,
    };

    public static DocumentFinalized Finalized(DocumentIngestionState saga) => new()
    {
        CorrelationId = saga.CorrelationId,
        PacketId = saga.PacketId,
        SiteId = saga.SiteId,
        DocumentId = saga.Document?.DocumentId ?? string.Empty,
        FinalState = DocumentState.DisplayOf(saga.CurrentState),
        ErrorCode = saga.ErrorCode,
        FinalizedAt = saga.FinalizedAt ?? DateTime.UtcNow,
    };
}
