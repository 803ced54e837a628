using Ingestion.Consumers.Artifacts;
using Ingestion.Consumers.Parsing;
using Ingestion.Contracts;

namespace Ingestion.UnitTests.Artifacts;

public sealed class ProfileFieldRulesTests
{
    private static readonly ArtifactProfileRegistry Registry =
        new(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "artifact-profiles.json")));

    [Test]
    public void A_medical_licence_gives_holder_number_jurisdiction_and_expiry_as_an_iso_date()
    {
        var fields = Find("medical-licence", "STATE MEDICAL BOARD", "Licensee: Jane Whitfield", "License Number: MD-204117",
            "Jurisdiction: Commonwealth of Massachusetts", "Expires: June 30, 2025");

        Assert.That(fields, Is.EqualTo(new Dictionary<string, string>
        {
            ["holder_name"] = "Jane Whitfield", ["licence_number"] = "MD-204117",
            ["jurisdiction"] = "Commonwealth of Massachusetts", ["expiry_date"] = "2025-06-30",
        }));
    }

    [Test]
    public void A_value_on_the_line_below_its_label_is_found_at_the_heuristic_tier()
    {
        var lines = Lines("CERTIFICATE OF COMPLETION", "This is to certify that", "Jane Whitfield", "Provider: TransCelerate BioPharma",
            "Completion Date: 17 January 2026");

        var holder = ProfileFieldRules.Find(Registry["gcp-certificate"], lines).Single(f => f.Name == "holder_name");

        Assert.That((holder.Value, holder.Tier, holder.Page), Is.EqualTo(("Jane Whitfield", ExtractionTiers.Heuristic, 1)));
        Assert.That(holder.Confidence, Is.LessThan(1.0));
    }

    [Test]
    public void A_label_must_end_a_word_and_a_signature_line_is_present()
    {
        var fields = Find("signature-page", "Investigator Name: Jane Whitfield", "Dated copy of 2026-01-10", "Date: 2026-01-12", "Signature: ______");

        Assert.That(fields["signature_date"], Is.EqualTo("2026-01-12"));
        Assert.That(fields["signature_present"], Is.EqualTo("yes"));
    }

    [TestCase("2026-01-17", "2026-01-17")]
    [TestCase("17 January 2026", "2026-01-17")]
    [TestCase("Jan. 17, 2026", "2026-01-17")]
    [TestCase("17.01.2026", "2026-01-17")]
    [TestCase("01/17/2026", "2026-01-17")]
    [TestCase("the 40th of Nonember", null)]
    public void Dates_are_read_as_sites_write_them(string text, string? expected)
    {
        Assert.That(WrittenDate.FindIn(text), Is.EqualTo(expected));
    }

    [Test]
    public void An_expiry_before_the_receipt_is_an_expired_finding_and_one_after_it_is_none()
    {
        ExtractedField Expiry(string date) => new() { Name = "expiry_date", Value = date, Tier = ExtractionTiers.Text };
        var received = new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

        var expired = ExpiryFindings.Of([Expiry("2026-02-28")], received);

        Assert.That(expired.Select(f => (f.Code, f.Field)), Is.EqualTo(new[] { (FindingCodes.Expired, "expiry_date") }));
        Assert.That(expired[0].Detail, Is.EqualTo("expiry_date 2026-02-28 is before the document's receipt on 2026-03-01"));
        Assert.That(ExpiryFindings.Of([Expiry("2026-03-01")], received), Is.Empty);
        Assert.That(ExpiryFindings.Of([Expiry("2020-01-01")], null), Is.Empty);
    }

    private static Dictionary<string, string> Find(string profile, params string[] text) =>
        ProfileFieldRules.Find(Registry[profile], Lines(text)).ToDictionary(f => f.Name, f => f.Value);

    private static List<SourceLine> Lines(params string[] text) => text.Select(t => new SourceLine(t, 1, ExtractionTiers.Text, 1.0)).ToList();
}
