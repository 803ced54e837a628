using Ingestion.Consumers.Parsing;
using Ingestion.Reader.Reading;

namespace Ingestion.UnitTests.Reading;

/// <summary>SECURITY-REVIEW M4's giant lines, and where a PDF may start (issue 12).</summary>
public sealed class ReadingBoundsTests
{
    [Test]
    public async Task A_giant_text_line_is_cut_at_the_limit_and_the_lines_after_it_are_still_read()
    {
        using var text = new StringReader(new string('x', 5_000_000) + "\r\nInvestigator Name: Dr. Jane Whitfield\nlast line without a break");

        var lines = new List<string>();
        await foreach (var line in BoundedLines.ReadAsync(text, 2_000, CancellationToken.None))
        {
            lines.Add(line);
        }

        Assert.That(lines.Select(l => l.Length), Is.EqualTo(new[] { 2_000, 37, 25 }));
        Assert.That(lines[1], Is.EqualTo("Investigator Name: Dr. Jane Whitfield"));
    }

    [TestCase("%PDF-1.7\n", 0)]
    [TestCase("\uFEFF%PDF-1.4\n", 3)]
    [TestCase("PK\u0003\u0004 a zip archive", -1)]
    public void A_pdf_header_counts_anywhere_in_the_first_1024_bytes(string start, int offset)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(start);

        Assert.That(HeaderLocator.Find(bytes), Is.EqualTo(offset));
    }

    [Test]
    public void A_pdf_header_past_the_first_1024_bytes_does_not_count()
    {
        var bytes = new byte[1024].Concat("%PDF-1.7\n"u8.ToArray()).ToArray();

        Assert.That(HeaderLocator.Find(bytes), Is.EqualTo(-1));
    }
}
