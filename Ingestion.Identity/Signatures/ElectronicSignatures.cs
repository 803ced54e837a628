using Ingestion.Contracts;
using Ingestion.Identity.Accounts;
using Ingestion.Identity.Trail;
using Ingestion.Persistence.Database;
using Ingestion.Persistence.Outbox;
using Npgsql;

namespace Ingestion.Identity.Signatures;

/// <summary>
/// Electronic signatures (21 CFR 11.50, 11.70, 11.100, 11.200): a decision is made only by a person who enters both
/// signature components (user name and password) at that moment, in a role that may sign its meaning; it is stored with
/// the printed name, the UTC time, the meaning and the hash of the exact record version signed, in the transaction of
/// the change it signs. A wrong password, a locked account, a role that may not sign and another person's credentials
/// are refused and audited.
/// </summary>
public sealed class ElectronicSignatures(IngestionDatabase database, Authenticator authenticator, BusOutbox outbox, AuditTrail trail, TimeProvider time)
{
    private const string Columns =
        "signature_id, user_id, user_name, printed_name, role, meaning, signed_at, subject_kind, subject_id, record_hash, reason";

    /// <summary>
    /// Checks the signer, then runs <paramref name="change"/> in a transaction where it locks and hashes its record,
    /// signs it and writes what it changes; commits it all, or nothing when the change refuses
    /// (<see cref="SignatureRefusedException"/>).
    /// </summary>
    /// <param name="request">The signer's components, meaning and reason.</param>
    /// <param name="subject">The record to be signed, for a refusal's audit entry.</param>
    /// <param name="subjectState">The record's state as the signer saw it, for a refusal's audit entry.</param>
    /// <param name="change">The signed change.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    public async Task<SignatureOutcome<T>> SignAsync<T>(
        SignatureRequest request, AuditSubject subject, string subjectState, Func<SigningScope, Task<T>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(change);
        var signer = SignatureMeanings.SignedBy(request.Meaning);
        var context = $"signing {request.Meaning}, {request.Origin}";
        var check = new PasswordCheck(AuditActions.SignatureRefused, context, subject, request.Meaning, subjectState);
        var result = await authenticator.CheckAsync(request.UserName, request.Password, check, onSuccess: null, cancellationToken);
        if (!result.Succeeded)
        {
            return Refused<T>(
                result.Outcome switch
                {
                    AuthenticationOutcome.LockedOut => SignatureRefusal.LockedOut,
                    AuthenticationOutcome.PasswordChangeRequired => SignatureRefusal.PasswordChangeRequired,
                    _ => SignatureRefusal.WrongCredentials,
                },
                result.Message);
        }

        var account = result.Account!;
        if (request.SessionUserId is { } sessionUser && sessionUser != account.UserId)
        {
            await RefuseAsync(account, check, "the credentials are not those of the person signed in to this session", cancellationToken);
            return Refused<T>(SignatureRefusal.NotTheSignedInPerson, "Sign with your own user name and password.");
        }

        if (account.Role != signer)
        {
            await RefuseAsync(account, check, $"role {AccountRoles.Name(account.Role)} may not sign {request.Meaning}", cancellationToken);
            return Refused<T>(SignatureRefusal.NotPermitted, $"Only a {AccountRoles.Name(signer)} may sign {request.Meaning}.");
        }

        await using var transaction = await outbox.BeginAsync(cancellationToken);
        var scope = new SigningScope(transaction, trail, account, trail.Person(account.Actor), request, time.GetUtcNow().UtcDateTime);
        try
        {
            var value = await change(scope);
            if (scope.Signature is null)
            {
                throw new InvalidOperationException("A signed change must sign its record (SigningScope.SignAsync).");
            }

            await transaction.CommitAsync(cancellationToken);
            return new SignatureOutcome<T> { Value = value, Signature = scope.Signature };
        }
        catch (SignatureRefusedException refused)
        {
            return Refused<T>(refused.Refusal, refused.Message);
        }
    }

    /// <summary>The signatures on a record, oldest first.</summary>
    public async Task<IReadOnlyList<ElectronicSignature>> OnAsync(Guid subjectId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM electronic_signatures WHERE subject_id = @id ORDER BY signed_at, signature_id", connection);
        command.Parameters.AddWithValue("id", subjectId);
        var signatures = new List<ElectronicSignature>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            signatures.Add(Read(reader));
        }

        return signatures;
    }

    /// <summary>
    /// Reads a signature from a row whose columns from <paramref name="offset"/> are signature_id, user_id, user_name,
    /// printed_name, role, meaning, signed_at, subject_kind, subject_id, record_hash and reason.
    /// </summary>
    public static ElectronicSignature Read(NpgsqlDataReader reader, int offset = 0) => new(
        reader.GetGuid(offset), reader.GetGuid(offset + 1), reader.GetString(offset + 2), reader.GetString(offset + 3),
        AccountRoles.Parse(reader.GetString(offset + 4)), reader.GetString(offset + 5),
        DateTime.SpecifyKind(reader.GetDateTime(offset + 6), DateTimeKind.Utc), reader.GetString(offset + 7), reader.GetGuid(offset + 8),
        reader.GetString(offset + 9), reader.GetString(offset + 10));

    private static SignatureOutcome<T> Refused<T>(SignatureRefusal refusal, string message) => new() { Refusal = refusal, Message = message };

    private async Task RefuseAsync(Account account, PasswordCheck check, string why, CancellationToken cancellationToken)
    {
        await using var transaction = await outbox.BeginAsync(cancellationToken);
        await trail.WriteAsync(transaction, [trail.Entry(
            check.Subject!, check.FailureAction, check.SubjectState, check.SubjectState ?? "REFUSED", check.Meaning ?? "REFUSED",
            $"{why}; {check.Context}", trail.Person(account.Actor), time.GetUtcNow().UtcDateTime)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
