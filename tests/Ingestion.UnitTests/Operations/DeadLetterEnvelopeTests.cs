using System.Text;
using Ingestion.Operations.DeadLetters;

namespace Ingestion.UnitTests.Operations;

/// <summary>What the dead-letter tooling reads from a faulted message's MassTransit JSON envelope.</summary>
public sealed class DeadLetterEnvelopeTests
{
    [Test]
    public void Identity_site_code_and_document_hashes_come_from_the_envelope_and_its_message()
    {
        var envelope = Parse("""
            {
              "messageId": "0f8fad5b-d9cb-469f-a165-70867728950e",
              "messageType": ["urn:message:Ingestion.Contracts:DocumentValidationFailed"],
              "message": { "correlationId": "aaaaaaaa-bbbb-5ccc-8ddd-eeeeeeeeeeee", "siteId": "US-BOS-001", "errorCode": "MALFORMED", "sha256": "abc" }
            }
            """);

        Assert.That(envelope.MessageId, Is.EqualTo("0f8fad5b-d9cb-469f-a165-70867728950e"));
        Assert.That(envelope.CorrelationId, Is.EqualTo("aaaaaaaa-bbbb-5ccc-8ddd-eeeeeeeeeeee"), "the message's, when the envelope has none");
        Assert.That((envelope.SiteId, envelope.ErrorCode), Is.EqualTo(("US-BOS-001", "MALFORMED")));
        Assert.That(envelope.DocumentHashes, Is.EqualTo(new[] { "abc" }));
    }

    [Test]
    public void A_packet_gives_the_hash_of_every_document_it_lists_at_any_depth()
    {
        var envelope = Parse("""
            { "message": { "siteId": "JP-TYO-003", "documents": [ { "documentId": "D1", "sha256": "h1" }, { "document": { "documentSha256": "h2" } }, { "sha256": "" } ] } }
            """);

        Assert.That(envelope.DocumentHashes, Is.EqualTo(new[] { "h1", "h2" }));
    }

    [Test]
    public void The_envelopes_own_correlation_id_wins_over_the_messages()
    {
        var envelope = Parse("""{ "correlationId": "envelope", "message": { "correlationId": "message" } }""");

        Assert.That(envelope.CorrelationId, Is.EqualTo("envelope"));
    }

    [TestCase("not json at all")]
    [TestCase("[1, 2, 3]")]
    [TestCase("{ \"message\": \"a string, not an object\" }")]
    public void A_body_that_is_not_an_envelope_gives_no_identity_rather_than_failing(string body)
    {
        var envelope = Parse(body);

        Assert.That((envelope.MessageId, envelope.SiteId, envelope.ErrorCode), Is.EqualTo(((string?)null, (string?)null, (string?)null)));
        Assert.That(envelope.DocumentHashes ?? [], Is.Empty);
    }

    private static DeadLetterEnvelope Parse(string json) => DeadLetterEnvelope.Parse(Encoding.UTF8.GetBytes(json));
}
