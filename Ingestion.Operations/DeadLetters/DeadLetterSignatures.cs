using Ingestion.Identity.Signatures;
using Ingestion.Identity.Trail;

namespace Ingestion.Operations.DeadLetters;

/// <summary>
/// An operator's electronic signature of a replay or a purge, made before anything is touched, on the exact messages the
/// action will move or delete: the queue, the filter and each matching message's id and payload SHA-256.
/// </summary>
public sealed class DeadLetterSignatures(ElectronicSignatures signatures)
{
    /// <summary>The kind of record a dead-letter signature is bound to.</summary>
    public const string RecordKind = "dead-letters";

    /// <summary>The SHA-256 of the action's record.</summary>
    public static string RecordHash(string meaning, string queue, DeadLetterFilter filter, IReadOnlyList<DeadLetter> letters)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(letters);
        return Identity.Signatures.RecordHash.Of(json =>
        {
            json.WriteString("kind", RecordKind);
            json.WriteString("action", meaning);
            json.WriteString("queue", queue);
            json.WriteString("filter", filter.ToString());
            json.WriteStartArray("messages");
            foreach (var letter in letters.OrderBy(l => l.MessageId, StringComparer.Ordinal).ThenBy(l => l.PayloadSha256, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("message_id", letter.MessageId);
                json.WriteString("payload_sha256", letter.PayloadSha256);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    /// <summary>
    /// Signs the action (<see cref="SignatureMeanings.Replay"/> or <see cref="SignatureMeanings.Purge"/>) on
    /// <paramref name="letters"/>; the signature's subject is a new action id, returned, under which the action is then
    /// audited. Nothing is moved here.
    /// </summary>
    public Task<SignatureOutcome<Guid>> SignAsync(
        SignatureRequest request, string queue, DeadLetterFilter filter, IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actionId = Guid.CreateVersion7();
        var subject = AuditSubject.Of(actionId);
        return signatures.SignAsync(request, subject, queue, async scope =>
        {
            await scope.SignAsync(new SignedRecord(RecordKind, subject, queue, RecordHash(request.Meaning, queue, filter, letters)), cancellationToken);
            return actionId;
        }, cancellationToken);
    }
}
