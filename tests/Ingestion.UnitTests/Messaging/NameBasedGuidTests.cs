using Ingestion.Messaging.Fleet;

namespace Ingestion.UnitTests.Messaging;

public sealed class NameBasedGuidTests
{
    [Test]
    public void A_version_5_uuid_matches_the_rfc_reference_value()
    {
        var dns = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        Assert.That(NameBasedGuid.Create(dns, "python.org"), Is.EqualTo(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d")));
    }

    [Test]
    public void The_same_packet_and_document_always_give_the_same_correlation_id_and_another_document_another()
    {
        var packet = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e");

        var first = NameBasedGuid.ForDocument(packet, "DOC-1");
        var again = NameBasedGuid.ForDocument(new Guid(packet.ToString()), "DOC-1");

        Assert.That(again, Is.EqualTo(first));
        Assert.That(NameBasedGuid.ForDocument(packet, "DOC-2"), Is.Not.EqualTo(first));
        Assert.That(first.Version, Is.EqualTo(5));
    }
}
