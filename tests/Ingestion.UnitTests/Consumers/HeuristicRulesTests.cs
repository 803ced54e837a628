using Ingestion.Consumers.Parsing;
using Ingestion.Consumers.Templates;

namespace Ingestion.UnitTests.Consumers;

/// <summary>Tier 3: what the exact labels missed, found by a similar label or by the field's key words, with less confidence.</summary>
public sealed class HeuristicRulesTests
{
    private static readonly TemplateField ProtocolNumber = new("protocol_number", "Protocol Number", "[A-Z0-9-]{3,20}");
    private static readonly TemplateField SignatureDate = new("signature_date", "Date Signed", @"\d{4}-\d{2}-\d{2}");

    [Test]
    public void A_label_misread_by_ocr_is_found_with_its_confidence_lowered_by_how_different_the_label_is()
    {
        // "protoco1nunber" against "protocolnumber": two letters of fourteen differ, a similarity of 12/14.
        var line = new SourceLine("Protoco1 Nunber: ABC-123", 1, ExtractionTiers.Ocr, 0.8, [0.7, 0.8, 0.9]);

        var field = HeuristicRules.Find(ProtocolNumber, [line]);

        Assert.That(field, Is.Not.Null);
        Assert.That((field!.Name, field.Value, field.Tier, field.Page), Is.EqualTo(("protocol_number", "ABC-123", ExtractionTiers.Heuristic, 1)));
        Assert.That(field.Confidence, Is.EqualTo(Math.Round(12.0 / 14 * 0.95 * 0.9, 4)), "similarity × 0.95 × the value's own word confidence");
        Assert.That(field.Confidence, Is.LessThan(TemplateRegistry.DefaultReviewThreshold), "a guessed label goes to a reviewer");
    }

    [Test]
    public void A_line_with_neither_a_similar_label_nor_a_key_word_of_the_field_gives_nothing()
    {
        var line = new SourceLine("Study ID: ABC-123", 1, ExtractionTiers.Text, 1.0);

        Assert.That(HeuristicRules.Find(ProtocolNumber, [line]), Is.Null);
    }

    [Test]
    public void A_label_less_than_four_fifths_similar_counts_only_as_a_key_word_at_keyword_confidence()
    {
        // "protocolid" against "protocolnumber": 6 of 14 differ; but the line names PROTOCOL.
        var line = new SourceLine("Protocol ID: ABC-123", 1, ExtractionTiers.Text, 1.0);

        Assert.That(HeuristicRules.Find(ProtocolNumber, [line])?.Confidence, Is.EqualTo(0.6));
    }

    [Test]
    public void A_line_naming_a_key_word_of_the_label_yields_a_value_of_the_fields_format_at_keyword_confidence()
    {
        var lines = new[]
        {
            new SourceLine("Statement of Investigator", 1, ExtractionTiers.Text, 1.0),
            new SourceLine("Signed by the investigator on 2026-03-14 in Boston", 2, ExtractionTiers.Text, 1.0),
        };

        var field = HeuristicRules.Find(SignatureDate, lines);

        Assert.That(field, Is.Not.Null);
        Assert.That((field!.Value, field.Page, field.Confidence), Is.EqualTo(("2026-03-14", 2, 0.6)));
    }

    [Test]
    public void A_key_word_without_a_value_of_the_fields_format_gives_nothing()
    {
        var line = new SourceLine("Signed: pending", 1, ExtractionTiers.Text, 1.0);

        Assert.That(HeuristicRules.Find(SignatureDate, [line]), Is.Null);
    }

    [Test]
    public void A_similar_label_is_preferred_to_a_key_word_on_an_earlier_line()
    {
        var lines = new[]
        {
            new SourceLine("Date of the visit 2026-01-02", 1, ExtractionTiers.Text, 1.0),
            new SourceLine("Date Signd: 2026-03-14", 1, ExtractionTiers.Text, 1.0),
        };

        Assert.That(HeuristicRules.Find(SignatureDate, lines)?.Value, Is.EqualTo("2026-03-14"));
    }
}
