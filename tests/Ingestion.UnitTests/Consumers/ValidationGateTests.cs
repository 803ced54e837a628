using System.Text;
using Ingestion.Consumers.Templates;
using Ingestion.Consumers.Validation;

namespace Ingestion.UnitTests.Consumers;

public sealed class ValidationGateTests
{
    private static readonly TemplateRegistry Registry =
        new(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "config", "template-registry.json")));

    private static readonly TemplateGate Gate = new(Registry);

    [TestCase("FDA-1572", "2.0", null)]
    [TestCase("FDA-1572", "2.1", null)]
    [TestCase("FDA-1572", "1.4", "SCHEMA_DEPRECATED")]
    [TestCase("FDA-1572", "1.0", "SCHEMA_DEPRECATED")]
    [TestCase("FDA-1572", "3.0", "SCHEMA_UNKNOWN")]
    [TestCase("FDA-9999", "2.0", "SCHEMA_UNKNOWN")]
    public void The_template_gate_accepts_v2_and_refuses_v1_and_unknown_versions(string template, string version, string? expected)
    {
        Assert.That(Gate.Check(new DocumentDeclaration(template, version))?.ErrorCode, Is.EqualTo(expected));
    }

    [TestCase("", "EMPTY")]
    [TestCase("just some text\nmore", "MALFORMED")]
    [TestCase("Template: FDA-1572; Version: two\n", "MALFORMED")]
    public void An_unreadable_declaration_is_refused_with_its_code(string content, string code)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));

        var exception = Assert.ThrowsAsync<UnreadableDocumentException>(() => TextDocumentFormat.ReadDeclarationAsync(stream, CancellationToken.None));

        Assert.That(exception!.ErrorCode, Is.EqualTo(code));
    }

    [Test]
    public void A_binary_file_without_line_breaks_is_refused_as_malformed_after_reading_one_kilobyte()
    {
        using var stream = new MemoryStream(Enumerable.Range(0, 1 << 20).Select(i => (byte)(0x80 | (i % 64))).ToArray());

        var exception = Assert.ThrowsAsync<UnreadableDocumentException>(() => TextDocumentFormat.ReadDeclarationAsync(stream, CancellationToken.None));

        Assert.That(exception!.ErrorCode, Is.EqualTo("MALFORMED"));
        Assert.That(stream.Position, Is.LessThanOrEqualTo(1024));
    }
}
