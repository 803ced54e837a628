using Ingestion.Contracts;
using MassTransit;

namespace Ingestion.UnitTests.Saga;

/// <summary>The messages that drive one document through the saga, as the stages and the reviewers send them.</summary>
internal sealed class OneDocument
{
    public Guid CorrelationId { get; } = NewId.NextGuid();

    public Guid PacketId { get; } = NewId.NextGuid();

    public const string Sha256 = "0b1de8191335a94ec0a39c79ba829b9404e814979ac6922ee357a7130cb8bbe3";

    public static readonly ExtractedField[] Fields =
    [
        new() { Name = "investigator_name", Value = "Dr. Jane Whitfield", Tier = "TEXT", Confidence = 1.0, Page = 1 },
        new() { Name = "protocol_number", Value = "ABC-123", Tier = "OCR", Confidence = 0.62, Page = 1 },
    ];

    public DocumentSubmitted Submitted() => new()
    {
        CorrelationId = CorrelationId,
        PacketId = PacketId,
        SiteId = "US-BOS-001",
        StudyId = "ABC-123",
        SubmittedAt = DateTime.UtcNow,
        Document = new SubmittedDocument
        {
            DocumentId = "US-BOS-001-DOC-001", ArtifactType = "05.02.08", FileName = "001-fda-1572.pdf", SizeBytes = 1024, Sha256 = Sha256,
            ContentReference = $"sha256:{Sha256}",
        },
    };

    public DocumentValidated Validated() => new() { CorrelationId = CorrelationId, TemplateId = "FDA-1572", SchemaVersion = "2.0" };

    public DocumentValidationFailed ValidationFailed() => new()
    {
        CorrelationId = CorrelationId,
        ErrorCode = ErrorCodes.SchemaDeprecated,
        Reason = "Template FDA-1572 version 1.4 is deprecated.",
        TemplateId = "FDA-1572",
        SchemaVersion = "1.4",
    };

    public DocumentParsed Parsed(int attempt = 1) => new()
    {
        CorrelationId = CorrelationId, Fields = Fields, MissingFields = [], LowConfidenceFields = [], Attempt = attempt,
    };

    public DocumentParsed ParsedWithGaps() => new()
    {
        CorrelationId = CorrelationId, Fields = Fields, MissingFields = ["irb_name"], LowConfidenceFields = ["protocol_number"], Attempt = 2,
    };

    public DocumentArchived Archived() => new() { CorrelationId = CorrelationId, PacketId = PacketId, Sha256 = Sha256, ArchivedAt = DateTime.UtcNow };

    /// <summary>The signed approval <see cref="SignedReviewDecisions"/> knows (reviewer rita).</summary>
    public static readonly Guid ApprovalId = Guid.Parse("0193a000-0000-7000-8000-00000000a001");

    /// <summary>The signed rejection <see cref="SignedReviewDecisions"/> knows (reviewer rita).</summary>
    public static readonly Guid RejectionId = Guid.Parse("0193a000-0000-7000-8000-00000000a002");

    public const string Reviewer = "rita";

    public static readonly DateTime DecidedAt = new(2026, 12, 1, 9, 30, 0, DateTimeKind.Utc);

    public static string ReasonOf(bool approved) => approved ? "Checked against the original." : "The IRB approval is missing.";

    // The message names the recorded decision only: who decided, what and when come from the signed decision.
    public ApplyReviewDecision Decision(bool approved) => new() { CorrelationId = CorrelationId, DecisionId = approved ? ApprovalId : RejectionId };

    public ResumeDocument Resume() => new() { CorrelationId = CorrelationId, RequestedAt = DateTime.UtcNow };
}
