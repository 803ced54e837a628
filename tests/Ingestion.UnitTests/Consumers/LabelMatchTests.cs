using Ingestion.Consumers.Parsing;
using Ingestion.Consumers.Templates;

namespace Ingestion.UnitTests.Consumers;

/// <summary>Tiers 1 and 2 of the extraction chain: <c>Label: value</c> on a line, the value matching its field in full.</summary>
public sealed class LabelMatchTests
{
    private static readonly TemplateField ProtocolNumber = new("protocol_number", "Protocol Number", "[A-Z0-9-]{3,20}");
    private static readonly TemplateField SignatureDate = new("signature_date", "Date Signed", @"\d{4}-\d{2}-\d{2}");
    private static readonly TemplateField IrbName = new("irb_name", "IRB/IEC Name", ".{3,120}");

    [TestCase("Protocol Number: ABC-123")]
    [TestCase("PROTOCOL NUMBER: ABC-123")]
    [TestCase("Protocol-Number.:   ABC-123  ")]
    [TestCase("| . Protocol Number: ABC-123")]
    public void A_label_matches_without_case_punctuation_or_stray_marks_in_front(string line)
    {
        Assert.That(LabelMatch.ValueAfter(line, ProtocolNumber.Label, ProtocolNumber), Is.EqualTo("ABC-123"));
    }

    [Test]
    public void Another_fields_label_gives_nothing_even_when_its_value_would_fit()
    {
        Assert.That(LabelMatch.ValueAfter("Study Number: ABC-123", ProtocolNumber.Label, ProtocolNumber), Is.Null);
    }

    [Test]
    public void A_value_must_match_its_pattern_in_full_not_just_contain_a_match()
    {
        Assert.That(LabelMatch.Fits("ABC-123", ProtocolNumber), Is.True);
        Assert.That(LabelMatch.Fits("ABC-123 (amended)", ProtocolNumber), Is.False);
        Assert.That(LabelMatch.ValueAfter("Protocol Number: see attached", ProtocolNumber.Label, ProtocolNumber), Is.Null);
    }

    [TestCase("2026-03-14 |", "2026-03-14")]
    [TestCase(". 2026-03-14", "2026-03-14")]
    [TestCase("7 2026-03-14 , |", "2026-03-14")]
    public void Stray_one_character_tokens_at_the_ends_of_a_value_that_does_not_fit_are_dropped(string value, string expected)
    {
        Assert.That(LabelMatch.FittingValue(value, SignatureDate), Is.EqualTo(expected));
    }

    [Test]
    public void A_value_that_fits_as_read_is_never_changed()
    {
        // ".{3,120}" takes the speck too: the value is kept exactly as read rather than "cleaned".
        Assert.That(LabelMatch.FittingValue("Western IRB |", IrbName), Is.EqualTo("Western IRB |"));
    }

    [Test]
    public void A_value_that_fits_neither_as_read_nor_without_stray_marks_gives_nothing()
    {
        Assert.That(LabelMatch.FittingValue("14/03/2026 |", SignatureDate), Is.Null);
        Assert.That(LabelMatch.FittingValue("|", SignatureDate), Is.Null);
    }

    [TestCase("no colon on this line", null, "no colon on this line")]
    [TestCase(": a value without a label", null, ": a value without a label")]
    [TestCase("| : value", null, "value")]
    [TestCase("Date Signed: 2026-03-14: late", "Date Signed", "2026-03-14: late")]
    public void A_line_splits_at_its_first_colon_into_label_and_value(string line, string? label, string value)
    {
        Assert.That(LabelMatch.Split(line), Is.EqualTo((label, value)));
    }

    [Test]
    public void Labels_normalize_to_lower_case_letters_and_digits()
    {
        Assert.That(LabelMatch.Normalize("IRB/IEC. Name"), Is.EqualTo(LabelMatch.Normalize("irb iec name")).And.EqualTo("irbiecname"));
    }
}
