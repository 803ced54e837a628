using Ingestion.Audit.Ledger;
using Ingestion.Contracts;
using Ingestion.Identity.Accounts;
using Ingestion.Identity.Trail;
using Ingestion.Persistence.Outbox;
using Npgsql;

namespace Ingestion.Identity.Signatures;

/// <summary>
/// The transaction a signed change runs in, after its signer proved who they are: the change locks and hashes its record,
/// signs it with <see cref="SignAsync"/>, writes its own rows, its audit entries and its messages, all committed together.
/// </summary>
public sealed class SigningScope
{
    private readonly SignatureRequest _request;

    internal SigningScope(BusOutboxTransaction transaction, AuditTrail trail, Account signer, AuditActor actor, SignatureRequest request, DateTime signedAt)
    {
        Trail = trail;
        Transaction = transaction;
        Signer = signer;
        Actor = actor;
        _request = request;
        SignedAt = signedAt;
    }

    /// <summary>The transaction; messages sent through its <see cref="BusOutboxTransaction.SendEndpointProvider"/> leave after the commit.</summary>
    public BusOutboxTransaction Transaction { get; }

    /// <summary>Builds and stages this scope's audit entries.</summary>
    public AuditTrail Trail { get; }

    /// <summary>Who signs, as the account stood when their password was checked.</summary>
    public Account Signer { get; }

    /// <summary>The signer on the audit trail.</summary>
    public AuditActor Actor { get; }

    /// <summary>When the signature is made (UTC).</summary>
    public DateTime SignedAt { get; }

    /// <summary>The signer's reason.</summary>
    public string Reason => _request.Reason;

    /// <summary>The signature, once made.</summary>
    public ElectronicSignature? Signature { get; private set; }

    /// <summary>Refuses the change: nothing of it is kept, nor a signature.</summary>
    public static SignatureRefusedException Refuse(SignatureRefusal refusal, string message) => new(refusal, message);

    /// <summary>Signs <paramref name="record"/>: stores the signature and writes its <c>E_SIGNATURE</c> entry. Once per scope.</summary>
    public async Task<ElectronicSignature> SignAsync(SignedRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Signature is not null)
        {
            throw new InvalidOperationException("A signing scope signs one record.");
        }

        var signature = new ElectronicSignature(
            Guid.CreateVersion7(), Signer.UserId, Signer.UserName, Signer.PrintedName, Signer.Role, _request.Meaning, SignedAt, record.Kind,
            record.Subject.CorrelationId, record.RecordHash, _request.Reason);
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO electronic_signatures (signature_id, user_id, user_name, printed_name, role, meaning, signed_at, subject_kind,
                subject_id, record_hash, reason)
            VALUES (@id, @user, @name, @printed, @role, @meaning, @at, @kind, @subject, @hash, @reason)
            """, Transaction.Connection, Transaction.Transaction))
        {
            insert.Parameters.AddWithValue("id", signature.SignatureId);
            insert.Parameters.AddWithValue("user", signature.UserId);
            insert.Parameters.AddWithValue("name", signature.UserName);
            insert.Parameters.AddWithValue("printed", signature.PrintedName);
            insert.Parameters.AddWithValue("role", AccountRoles.Name(signature.Role));
            insert.Parameters.AddWithValue("meaning", signature.Meaning);
            insert.Parameters.AddWithValue("at", signature.SignedAt);
            insert.Parameters.AddWithValue("kind", signature.SubjectKind);
            insert.Parameters.AddWithValue("subject", signature.SubjectId);
            insert.Parameters.AddWithValue("hash", signature.RecordHash);
            insert.Parameters.AddWithValue("reason", signature.Reason);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await AuditAsync(cancellationToken, Trail.Entry(
            record.Subject, AuditActions.Signature, record.State, record.State, signature.Meaning,
            $"Signed by {signature.PrintedName} ({signature.UserName}) at {signature.SignedAt:yyyy-MM-dd HH:mm:ss} UTC, meaning {signature.Meaning}, " +
            $"{record.Kind} record sha256:{record.RecordHash}, signature {signature.SignatureId}, {_request.Origin}: {signature.Reason}",
            Actor, SignedAt));
        Signature = signature;
        return signature;
    }

    /// <summary>Stages audit entries in this transaction.</summary>
    public Task AuditAsync(CancellationToken cancellationToken, params AuditEntry[] entries) =>
        Trail.WriteAsync(Transaction, entries, cancellationToken);
}
