using Ingestion.Hosting;
using Ingestion.Samples;
using Ingestion.Samples.Pdf;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Reading;

/// <summary>
/// Issue 12 and SECURITY-REVIEW H6, M4: what real readers read is read, and a hostile document ends with a code that
/// names what happened, in a real worker process that survives it and goes on ingesting.
/// </summary>
[TestFixture]
public sealed class HostileDocumentTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);
    private static readonly SampleSite Site = SamplePacketWriter.DemoSites[1];
    private string _samples = null!;

    [SetUp]
    public void CreateSampleFolder() => _samples = Directory.CreateTempSubdirectory("ingestion-hostile-").FullName;

    [TearDown]
    public void DeleteSampleFolder() => Directory.Delete(_samples, recursive: true);

    [Test]
    public async Task Every_hostile_file_ends_with_its_clear_code_the_worker_survives_and_a_normal_document_after_them_is_archived()
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.None);
        var worker = await fleet.StartWorkerAsync("worker-hostile");
        PdfVariant[] variants =
        [
            PdfVariant.JunkAroundHeader, PdfVariant.OwnerPasswordOnly, PdfVariant.BrokenCrossReference, PdfVariant.Type4Recursion,
            PdfVariant.FlateBomb, PdfVariant.GigapixelPage, PdfVariant.UnsupportedFilter, PdfVariant.RecursiveFormFields,
        ];
        var hostile = await fleet.SubmitAsync(PdfPacketWriter.WritePacket(Path.Combine(_samples, "hostile"), Site, variants, seed: 12), Site.SiteId);

        var documents = await fleet.WaitForSettledAsync(Deadline, hostile.PacketId);
        var explanation = await fleet.ExplainAsync(documents) + Environment.NewLine + worker.RecentLog;

        Assert.That(worker.HasExited, Is.False, "the worker survived every hostile file: " + worker.RecentLog);
        Assert.That(
            documents.Take(7).Select(d => $"{d.State} {d.ErrorCode}".Trim()),
            Is.EqualTo(new[]
            {
                "ARCHIVED", "ARCHIVED", "ARCHIVED",
                "REJECTED PARSER_CRASH", "REJECTED RESOURCE_LIMIT", "REJECTED RESOURCE_LIMIT", "REJECTED UNSUPPORTED_FEATURE",
            }),
            explanation);
        // Poppler either renders past the looping field tree or is stopped by a limit; either way the document is final.
        Assert.That(documents[7].State, Is.EqualTo("REJECTED"), explanation);

        Assert.That((await fleet.SagaAsync(documents[0].CorrelationId)).ReadingNotes, Does.Contain("header at byte 128"));
        Assert.That((await fleet.SagaAsync(documents[1].CorrelationId)).ReadingNotes, Does.StartWith("permission restrictions: modifying, annotating"));
        Assert.That((await fleet.SagaAsync(documents[3].CorrelationId)).Reason, Does.StartWith("stack overflow"));
        Assert.That((await fleet.SagaAsync(documents[4].CorrelationId)).Reason, Does.StartWith("decoded stream 64 MiB"));
        Assert.That((await fleet.SagaAsync(documents[5].CorrelationId)).Reason, Does.StartWith("page image 150 megapixels"));
        Assert.That((await fleet.SagaAsync(documents[6].CorrelationId)).Reason, Does.StartWith("JBIG2Decode"));

        var after = await fleet.SubmitAsync(
            PdfPacketWriter.WritePacket(Path.Combine(_samples, "after"), Site, [PdfVariant.BornDigital], seed: 13), Site.SiteId, Guid.NewGuid());
        var normal = await fleet.WaitForPacketsAsync(Deadline, after.PacketId);
        Assert.That(normal.Select(d => d.State), Is.EqualTo(new[] { "ARCHIVED" }), await fleet.ExplainAsync(normal));
        Assert.That(worker.HasExited, Is.False);
    }

    [Test]
    public async Task No_transaction_is_open_while_a_slow_document_is_read_by_ocr()
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.None);
        // At 600 dpi a scanned page takes seconds to render and recognise.
        var worker = await fleet.StartWorkerAsync("worker-slow", new Dictionary<string, string?> { ["Ingestion:Ocr:Dpi"] = "600" });
        var packet = await fleet.SubmitAsync(PdfPacketWriter.WritePacket(Path.Combine(_samples, "p"), Site, [PdfVariant.Scanned], seed: 14), Site.SiteId);

        var samples = 0;
        var oldest = TimeSpan.Zero;
        var queries = fleet.Services.GetRequiredService<Ingestion.Saga.Packets.PacketStatusQueries>();
        await Eventually.Until(
            async () =>
            {
                if (ProcessTree.Descendants(worker.ProcessId).Any(p => p.Name is "pdftoppm" or "tesseract"))
                {
                    samples++;
                    var open = await OldestTransactionAsync(fleet);
                    oldest = open > oldest ? open : oldest;
                }

                return await queries.PacketsAsync([packet.PacketId]);
            },
            packets => packets.Count == 1 && packets[0].Settled,
            Deadline,
            "the scanned document to be settled");

        Assert.That(samples, Is.GreaterThan(0), "OCR was seen running");
        Assert.That(oldest, Is.LessThan(TimeSpan.FromSeconds(1)), "no transaction stayed open while the document was read");
    }

    // The age of the oldest transaction open in the database, other than this query's own.
    private static async Task<TimeSpan> OldestTransactionAsync(Fleet fleet)
    {
        await using var connection = await fleet.OpenSuperuserDatabaseAsync();
        await using var query = new NpgsqlCommand(
            """
            SELECT coalesce(max(extract(epoch FROM now() - xact_start)), 0)::float8 FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND backend_type = 'client backend'
            """,
            connection);
        return TimeSpan.FromSeconds((double)(await query.ExecuteScalarAsync())!);
    }
}
