using Ingestion.Contracts;

namespace Ingestion.Lab.Ledger;

/// <summary>Audit events shaped like the fleet's (five per document, real-sized fields), for measuring the ledger only.</summary>
internal static class SyntheticEvents
{
    private static readonly string[] Actions = ["RECEIVE", "VALIDATE", "PARSE", "ARCHIVE", "ARCHIVE"];
    private static readonly string[] States = ["RECEIVED", "VALIDATING", "PARSING", "ARCHIVING", "ARCHIVED"];

    public static AuditEvent Create(long index, AuditActor actor)
    {
        var step = (int)(index % 5);
        var document = index / 5;
        return new AuditEvent
        {
            EventId = Guid.NewGuid(),
            OccurredAt = DateTime.UtcNow,
            Actor = actor,
            Action = Actions[step],
            CorrelationId = DocumentId(document),
            PacketId = DocumentId(document / 100),
            SiteId = "BENCH-SITE-001",
            DocumentSha256 = Convert.ToHexStringLower(DocumentId(document).ToByteArray()) + Convert.ToHexStringLower(DocumentId(document).ToByteArray()),
            FromState = step == 0 ? null : States[step - 1],
            ToState = States[step],
            Outcome = step == 4 ? "ARCHIVED" : "OK",
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
