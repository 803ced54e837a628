using Ingestion.Consumers.Parsing.Ocr;

namespace Ingestion.UnitTests.Consumers;

/// <summary>Lines from Tesseract's TSV output (level, page, block, paragraph, line, word, box, confidence, text).</summary>
public sealed class OcrLineAssemblerTests
{
    private const string Header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";

    [Test]
    public void Words_are_grouped_by_block_paragraph_and_line_in_the_order_tesseract_writes_them()
    {
        var page = Assemble(
            "1\t1\t0\t0\t0\t0\t0\t0\t2550\t3300\t-1\t",
            "4\t1\t1\t1\t1\t0\t300\t300\t900\t40\t-1\t",
            Word(block: 1, line: 1, confidence: 96, "Protocol"),
            Word(block: 1, line: 1, confidence: 90, "Number:"),
            Word(block: 1, line: 1, confidence: 84, "ABC-123"),
            Word(block: 1, line: 2, confidence: 80, "Date"),
            // Line 1 again, but of another block: another line.
            Word(block: 2, line: 1, confidence: 70, "Signed"));

        Assert.That(page.PageNumber, Is.EqualTo(3));
        Assert.That(page.Lines.Select(l => l.Text), Is.EqualTo(new[] { "Protocol Number: ABC-123", "Date", "Signed" }));
        Assert.That(page.Lines[0].WordConfidences, Is.EqualTo(new[] { 0.96, 0.90, 0.84 }).Within(1e-9));
        Assert.That(page.Lines[0].Confidence, Is.EqualTo(0.90).Within(1e-9));
        Assert.That(page.MeanConfidence, Is.EqualTo((96 + 90 + 84 + 80 + 70) / 5.0 / 100).Within(1e-9));
    }

    [Test]
    public void Words_without_text_or_without_a_confidence_are_left_out()
    {
        var page = Assemble(
            Word(block: 1, line: 1, confidence: -1, ""),
            Word(block: 1, line: 1, confidence: 95, "  "),
            Word(block: 1, line: 1, confidence: 91, "IRB"),
            "5\t1\t1\t1\t1\t4\t0\t0\t10\t10\t88");

        Assert.That(page.Lines.Select(l => l.Text), Is.EqualTo(new[] { "IRB" }));
        Assert.That(page.MeanConfidence, Is.EqualTo(0.91).Within(1e-9), "only the words that were read count");
    }

    [Test]
    public void A_page_with_no_words_has_no_lines_and_no_confidence()
    {
        var page = Assemble("1\t1\t0\t0\t0\t0\t0\t0\t2550\t3300\t-1\t");

        Assert.That(page.Lines, Is.Empty);
        Assert.That(page.MeanConfidence, Is.Zero);
    }

    [TestCase("this is not tesseract output")]
    [TestCase("x\t1\t1\t1\t1\t1\t0\t0\t10\t10\t90\tword")]
    [TestCase("5\t1\t1\t1\t1\t1\t0\t0\t10\t10\tninety\tword")]
    public void A_row_that_is_not_tesseract_tsv_fails_rather_than_losing_words(string row)
    {
        var assembler = new OcrLineAssembler();
        assembler.Add(Header);

        Assert.That(() => assembler.Add(row), Throws.InvalidOperationException.With.Message.StartWith("Unexpected Tesseract TSV"));
    }

    private static OcrPage Assemble(params string[] rows)
    {
        var assembler = new OcrLineAssembler();
        assembler.Add(Header);
        foreach (var row in rows)
        {
            assembler.Add(row);
        }

        return assembler.Build(3);
    }

    private static string Word(int block, int line, double confidence, string text) =>
        string.Join('\t', "5", "1", $"{block}", "1", $"{line}", "1", "100", "100", "50", "20", confidence.ToString(System.Globalization.CultureInfo.InvariantCulture), text);
}
