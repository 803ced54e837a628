using Ingestion.Contracts;
using Ingestion.Saga.Intake;

namespace Ingestion.UnitTests.Intake;

public sealed class PacketRulesTests
{
    private static SubmittedDocument Document(string id) => new()
    {
        DocumentId = id, ArtifactType = "05.02.08", FileName = $"{id}.txt", SizeBytes = 1, Sha256 = new string('0', 64), ContentReference = "sha256:" + new string('0', 64),
    };

    private static PacketSubmitted Packet(params SubmittedDocument[] documents) => new()
    {
        PacketId = Guid.NewGuid(), SiteId = "US-BOS-001", StudyId = "ABC-123", SubmittedAt = DateTime.UtcNow, SubmittedBy = "site", Documents = documents,
    };

    [Test]
    public void A_packet_with_two_documents_of_the_same_id_is_refused_with_the_id_named()
    {
        var exception = Assert.Throws<InvalidPacketException>(() => PacketRules.ThrowIfInvalid(Packet(Document("A"), Document("A"))));

        Assert.That(exception!.Message, Does.Contain("document id 'A' appears 2 times"));
    }

    [Test]
    public void An_empty_packet_is_refused()
    {
        Assert.That(() => PacketRules.ThrowIfInvalid(Packet()), Throws.InstanceOf<InvalidPacketException>().With.Message.Contains("no documents"));
    }

    [Test]
    public void A_packet_of_distinct_documents_is_accepted()
    {
        Assert.That(() => PacketRules.ThrowIfInvalid(Packet(Document("A"), Document("B"))), Throws.Nothing);
    }
}
