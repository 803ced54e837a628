using Ingestion.Contracts;
using MassTransit;

namespace Ingestion.Saga.Documents;

/// <summary>One document's ingestion, from receipt to a final state.</summary>
public sealed class DocumentIngestionState : SagaStateMachineInstance, ISagaVersion
{
    /// <summary>Name-based UUID (v5) of packet id and document id.</summary>
    public Guid CorrelationId { get; set; }

    /// <summary>Optimistic-concurrency version, kept in its own column.</summary>
    public int Version { get; set; }

    /// <summary>The state's name (<see cref="DocumentState.Name"/>), for example <c>Archived</c>.</summary>
    public string CurrentState { get; set; } = string.Empty;

    /// <summary>The packet.</summary>
    public Guid PacketId { get; set; }

    /// <summary>The submitting site.</summary>
    public string SiteId { get; set; } = string.Empty;

    /// <summary>The study.</summary>
    public string StudyId { get; set; } = string.Empty;

    /// <summary>When the packet was submitted.</summary>
    public DateTime SubmittedAt { get; set; }

    /// <summary>The document as submitted.</summary>
    public SubmittedDocument? Document { get; set; }

    /// <summary>The template the document declares, once validated.</summary>
    public string? TemplateId { get; set; }

    /// <summary>The template version the document declares, once read.</summary>
    public string? SchemaVersion { get; set; }

    /// <summary>What the reader read past at validation (owner-password restrictions, junk before the header, a rebuilt cross-reference table).</summary>
    public string? ReadingNotes { get; set; }

    /// <summary>Extracted fields, once parsed.</summary>
    public List<ExtractedField> Fields { get; set; } = [];

    /// <summary>The attempt that parsed the document.</summary>
    public int ParseAttempt { get; set; }

    /// <summary>Why the document was rejected.</summary>
    public string? ErrorCode { get; set; }

    /// <summary>The rejection's readable reason.</summary>
    public string? Reason { get; set; }

    /// <summary>The signed review decision the saga applied, if a reviewer decided.</summary>
    public Guid? ReviewDecisionId { get; set; }

    /// <summary>How many review decisions the saga refused (forged, used, or signed on another version).</summary>
    public int RefusedReviewDecisions { get; set; }

    /// <summary>When the document reached a final state.</summary>
    public DateTime? FinalizedAt { get; set; }

    /// <summary>Required fields the extraction chain did not find, while the document waits for a reviewer.</summary>
    public List<string> MissingFields { get; set; } = [];

    /// <summary>Fields found below the review threshold, while the document waits for a reviewer.</summary>
    public List<string> LowConfidenceFields { get; set; } = [];

    /// <summary>The artifact class a free-form document was read as, for example <c>gcp-certificate</c>.</summary>
    public string? ArtifactClass { get; set; }

    /// <summary>How sure the class is, 0 to 1.</summary>
    public double? ClassConfidence { get; set; }

    /// <summary>What the record shows beside the fields, for example an expired licence.</summary>
    public List<DocumentFinding> Findings { get; set; } = [];

    /// <summary>The code that sent the document to manual review whatever its fields, for example <c>TEMPLATE_UNDECLARED</c>.</summary>
    public string? ReviewCode { get; set; }

    /// <summary>When the document entered manual review.</summary>
    public DateTime? ReviewRequestedAt { get; set; }
}
