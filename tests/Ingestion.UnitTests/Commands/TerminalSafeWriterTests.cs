using System.Text.Json;
using Ingestion.Host.Cli.Invocation;

namespace Ingestion.UnitTests.Commands;

/// <summary>SECURITY-REVIEW M8: what <c>ingest</c> prints for a person cannot drive the terminal it is printed on.</summary>
public sealed class TerminalSafeWriterTests
{
    [Test]
    public void Escape_sequences_bidi_overrides_and_carriage_returns_from_a_site_are_printed_as_text()
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var writer = new TerminalSafeWriter(output);

        writer.WriteLine("Investigator: \u001b]0;owned\u0007\u001b[2Jfdp.exe\u202Ecod.exe\rforged\u0085line");
        writer.Write('\u001b');
        writer.Write("\tend\n");

        Assert.That(
            output.ToString(),
            Is.EqualTo("Investigator: \\u{001B}]0;owned\\u{0007}\\u{001B}[2Jfdp.exe\\u{202E}cod.exe\\u{000D}forged\\u{0085}line\n\\u{001B}\tend\n"));
    }

    [Test]
    public void Json_output_passes_unchanged()
    {
        var json = JsonSerializer.Serialize(new { reason = "a\u001b[2J\u202Eb \"quoted\" C:\\path" });
        using var output = new StringWriter { NewLine = "\n" };
        using var writer = new TerminalSafeWriter(output);

        writer.WriteLine(json);

        Assert.That(output.ToString(), Is.EqualTo(json + "\n"));
        Assert.That(JsonDocument.Parse(output.ToString()).RootElement.GetProperty("reason").GetString(), Is.EqualTo("a\u001b[2J\u202Eb \"quoted\" C:\\path"));
    }
}
