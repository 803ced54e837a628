using System.Text;
using Ingestion.Audit.Receipts;

namespace Ingestion.UnitTests.Audit;

public sealed class ReceiptNameTests
{
    [Test]
    public void Look_alike_document_ids_get_receipt_names_of_their_own()
    {
        string[] ids = ["DOC/1", "DOC:1", "DOC 1", "DOC_1", "DOC%2F1", "doc_1", ".", "..", "%2E"];

        var names = ids.Select(ReceiptFiles.FileNameOf).ToList();

        Assert.That(names, Is.Unique);
        Assert.That(names, Has.None.Contain("/"));
        Assert.That(names, Has.None.StartsWith("."));
    }

    [Test]
    public void Long_ids_get_short_distinct_names()
    {
        var a = new string('é', 128);
        var b = new string('é', 127) + "e";

        var (nameA, nameB) = (ReceiptFiles.FileNameOf(a), ReceiptFiles.FileNameOf(b));

        Assert.That(nameA, Is.Not.EqualTo(nameB));
        Assert.That(Encoding.UTF8.GetByteCount(nameA), Is.LessThan(255));
        Assert.That(nameA, Does.Contain("~"));
    }
}
