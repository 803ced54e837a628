using Ingestion.Identity.Accounts;

namespace Ingestion.Identity.Signatures;

/// <summary>
/// One electronic signature as stored: who (account, user name and printed name), when (UTC), what it means, and which
/// record it signs, by kind, id and the SHA-256 of the exact version signed, so that it cannot be carried to another record.
/// </summary>
/// <param name="SignatureId">The signature's id.</param>
/// <param name="UserId">The signer's account.</param>
/// <param name="UserName">The signer's user name.</param>
/// <param name="PrintedName">The signer's printed name.</param>
/// <param name="Role">The signer's role when signing.</param>
/// <param name="Meaning">One of <see cref="SignatureMeanings"/>.</param>
/// <param name="SignedAt">When it was signed (UTC).</param>
/// <param name="SubjectKind">The kind of record: <c>document-review</c>, <c>compliance-hold</c>, <c>dead-letters</c>.</param>
/// <param name="SubjectId">The record's id: the document's correlation id, the hold's id, the dead-letter action's id.</param>
/// <param name="RecordHash">The SHA-256 (lower-case hex) of the record's canonical JSON at signing.</param>
/// <param name="Reason">The signer's reason.</param>
public sealed record ElectronicSignature(
    Guid SignatureId,
    Guid UserId,
    string UserName,
    string PrintedName,
    AccountRole Role,
    string Meaning,
    DateTime SignedAt,
    string SubjectKind,
    Guid SubjectId,
    string RecordHash,
    string Reason)
{
    /// <summary>The signature as people read it: printed name, user, time and meaning (21 CFR 11.50).</summary>
    public string Manifestation => $"{PrintedName} ({UserName}), {SignedAt:yyyy-MM-dd HH:mm:ss} UTC, {Meaning}";
}
