using Ingestion.Identity.Trail;

namespace Ingestion.Identity.Signatures;

/// <summary>The record a signature is bound to.</summary>
/// <param name="Kind">Its kind, e.g. <c>document-review</c>.</param>
/// <param name="Subject">Its id and, for a document, its packet, site and hash, for the audit trail.</param>
/// <param name="State">Its state when signed, e.g. <c>MANUAL_REVIEW</c> or <c>HELD</c>.</param>
/// <param name="RecordHash">The SHA-256 of its canonical JSON (<see cref="RecordHash"/>).</param>
public sealed record SignedRecord(string Kind, AuditSubject Subject, string State, string RecordHash);
