using Ingestion.Contracts;
using Ingestion.Site.Records;
using Ingestion.Site.Rules;

namespace Ingestion.UnitTests.Site;

public sealed class SubmissionRulesTests
{
    private static readonly IntakeLimits Limits = new() { MaxDocumentsPerPacket = 3, MaxFileBytes = 1000, MaxIdLength = 20 };

    private static SubmittedDocument Document(string id = "DOC-1", string sha = "", long size = 10) => new()
    {
        DocumentId = id, ArtifactType = "05.02.08", FileName = "f.pdf", SizeBytes = size,
        Sha256 = sha == "" ? new string('a', 64) : sha, ContentReference = "sha256:" + new string('b', 64),
    };

    private static PacketSubmitted Packet(params SubmittedDocument[] documents) => new()
    {
        PacketId = Guid.NewGuid(), SiteId = "US-BOS-001", StudyId = "ABC-123", SubmittedAt = DateTime.UtcNow, SubmittedBy = "site", Documents = documents,
    };

    [TestCase("abc", TestName = "A short hash is refused")]
    [TestCase("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789", TestName = "An upper-case hash is refused at intake")]
    [TestCase("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0", TestName = "A 65-digit hash is refused")]
    public void A_declared_hash_must_be_64_lower_case_hex_digits(string sha) =>
        Assert.That(SubmissionRules.Check(Packet(Document(sha: sha)), Limits)?.Code, Is.EqualTo(RefusalCodes.InvalidHash));

    [TestCase("D\u0000", TestName = "A NUL in an id is refused")]
    [TestCase("D\u200B", TestName = "A zero-width space in an id is refused")]
    [TestCase("D\u2066x", TestName = "A bidi isolate in an id is refused")]
    [TestCase(" D", TestName = "A leading space in an id is refused")]
    [TestCase("D-123456789012345678901", TestName = "An id over the length limit is refused")]
    public void Ids_hold_printable_characters_only(string id) =>
        Assert.That(SubmissionRules.Check(Packet(Document(id)), Limits)?.Code, Is.EqualTo(RefusalCodes.InvalidText));

    [Test]
    public void Limits_on_documents_and_sizes_are_kept()
    {
        Assert.That(SubmissionRules.Check(Packet(Document("A"), Document("B"), Document("C"), Document("D")), Limits)?.Code, Is.EqualTo(RefusalCodes.TooManyDocuments));
        Assert.That(SubmissionRules.Check(Packet(Document(size: 1001)), Limits)?.Code, Is.EqualTo(RefusalCodes.FileTooLarge));
        Assert.That(SubmissionRules.Check(Packet(Document("Überweisung (Kopie)")), Limits), Is.Null, "letters, spaces and brackets are fine");
    }

    [Test]
    public void Escaped_text_is_printable_and_names_what_was_escaped() =>
        Assert.That(PrintableText.Escape("A\u0000B\u001b[31m\u202E\\"), Is.EqualTo("A\\u{0000}B\\u{001B}[31m\\u{202E}\\u{5C}"));

    [Test]
    public void A_packet_changed_in_any_document_field_has_another_fingerprint()
    {
        var packet = Packet(Document("A"), Document("B"));
        var moved = packet with { Documents = [Document("A"), Document("B", size: 11)] };
        var renamed = packet with { Documents = [Document("AB"), Document("")] };

        Assert.That(PacketFingerprint.Of(packet with { SubmittedBy = "someone else" }), Is.EqualTo(PacketFingerprint.Of(packet)));
        Assert.That(new[] { PacketFingerprint.Of(packet), PacketFingerprint.Of(moved), PacketFingerprint.Of(renamed) }, Is.Unique);
    }
}
