using Ingestion.Audit.Ledger;
using Ingestion.Contracts;

namespace Ingestion.Lab.Ledger;

/// <summary>Audit entries shaped like the fleet's (an archived document's five, real-sized fields), for measuring the ledger only.</summary>
internal static class SyntheticEvents
{
    private static readonly string[] Actions = [AuditActions.Ingest, AuditActions.Validate, AuditActions.Validate, AuditActions.Parse, AuditActions.Archive];
    private static readonly DocumentState[] States =
        [DocumentState.Received, DocumentState.Validating, DocumentState.Parsing, DocumentState.Parsed, DocumentState.Archived];

    private static readonly string[] Outcomes =
        [DocumentState.Received.Display, AuditOutcomes.Started, AuditOutcomes.Passed, DocumentState.Parsed.Display, DocumentState.Archived.Display];

    public static AuditEntry Create(long index, AuditActor actor)
    {
        var step = (int)(index % 5);
        var document = index / 5;
        return new AuditEntry
        {
            EventId = Guid.CreateVersion7(),
            OccurredAt = DateTime.UtcNow,
            Actor = actor,
            Action = Actions[step],
            CorrelationId = DocumentId(document),
            PacketId = DocumentId(document / 100),
            SiteId = "BENCH-SITE-001",
            DocumentSha256 = Convert.ToHexStringLower(DocumentId(document).ToByteArray()) + Convert.ToHexStringLower(DocumentId(document).ToByteArray()),
            FromState = step == 0 ? null : States[step - 1].Display,
            ToState = States[step].Display,
            Outcome = Outcomes[step],
            SchemaVersion = "2.1",
            Attempt = 1,
            TraceId = "0af7651916cd43dd8448eb211c80319c",
        };
    }

    // Deterministic per document, so the five entries of one document share a correlation id.
    private static Guid DocumentId(long document)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, document);
        bytes[15] = 0xbe;
        return new Guid(bytes);
    }
}
