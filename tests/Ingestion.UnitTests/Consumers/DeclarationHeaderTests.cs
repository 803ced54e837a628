using Ingestion.Consumers.Validation;

namespace Ingestion.UnitTests.Consumers;

/// <summary>The declaration line every template prints first: exact on a text layer, tolerant of OCR's misreadings.</summary>
public sealed class DeclarationHeaderTests
{
    [TestCase("Template: FDA-1572; Version: 2.1", "FDA-1572", "2.1")]
    [TestCase("\uFEFFTemplate: IRB-APPROVAL;Version: 10.12  ", "IRB-APPROVAL", "10.12")]
    public void A_text_layer_declaration_gives_the_template_and_version(string line, string template, string version)
    {
        Assert.That(DeclarationHeader.Parse(line, DocumentDeclaration.Header), Is.EqualTo(new DocumentDeclaration(template, version, DocumentDeclaration.Header)));
    }

    [TestCase("Template: FDA-1572: Version: 2.1")]
    [TestCase("Template: fda-1572; Version: 2.1")]
    [TestCase("Template: FDA-1572; Version: 2")]
    [TestCase("Template: FDA-1572; Version: 2.1 (draft)")]
    [TestCase("| Template: FDA-1572; Version: 2.1")]
    public void A_text_layer_declaration_must_be_exact(string line)
    {
        Assert.That(DeclarationHeader.Parse(line, DocumentDeclaration.Header), Is.Null);
    }

    [TestCase("| Template: FDA-1572; Version: 2.1 .", "2.1")]
    [TestCase("Template; FDA-1572: Version; 2.0", "2.0")]
    [TestCase("Template:FDA-1572 , Version:2.0", "2.0")]
    public void An_ocr_read_declaration_allows_stray_marks_and_a_semicolon_read_as_a_colon(string line, string version)
    {
        Assert.That(DeclarationHeader.Parse(line, DocumentDeclaration.OcrHeader), Is.EqualTo(new DocumentDeclaration("FDA-1572", version, DocumentDeclaration.OcrHeader)));
    }

    [Test]
    public void An_ocr_read_version_with_a_fourth_digit_is_not_cut_to_three()
    {
        Assert.That(DeclarationHeader.Parse("Template: FDA-1572; Version: 2.1234", DocumentDeclaration.OcrHeader), Is.Null);
    }
}
