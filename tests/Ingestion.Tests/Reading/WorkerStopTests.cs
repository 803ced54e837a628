using System.Diagnostics;
using Ingestion.Hosting;
using Ingestion.Saga.Packets;
using Ingestion.Samples;
using Ingestion.Samples.Pdf;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Reading;

/// <summary>
/// Issue 12, part 3: a worker asked to stop cancels the reading in progress and hands its message back; a worker that
/// dies while reading counts, durably, against the document's attempts.
/// </summary>
[TestFixture]
public sealed class WorkerStopTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);
    private static readonly SampleSite Site = SamplePacketWriter.DemoSites[1];
    private static readonly string[] Readers = ["pdftoppm", "tesseract", "dotnet", "prlimit", "setpriv", "unshare"];
    private string _samples = null!;

    [SetUp]
    public void CreateSampleFolder() => _samples = Directory.CreateTempSubdirectory("ingestion-stop-").FullName;

    [TearDown]
    public void DeleteSampleFolder() => Directory.Delete(_samples, recursive: true);

    [Test]
    public async Task A_worker_asked_to_stop_during_ocr_exits_within_30_s_leaves_no_tool_behind_and_the_document_finishes_on_another_worker()
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.None);
        // One attempt only: the message this worker hands back must not count as a lost one.
        var slow = new Dictionary<string, string?> { ["Ingestion:Ocr:Dpi"] = "600", ["Ingestion:Reader:MaxAttempts"] = "1" };
        var stopping = await fleet.StartWorkerAsync("worker-stopping", slow);
        var packet = await fleet.SubmitAsync(PdfPacketWriter.WritePacket(Path.Combine(_samples, "p"), Site, [PdfVariant.Scanned], seed: 15), Site.SiteId);

        var tools = await Eventually.Until(
            () => Task.FromResult(ProcessTree.Descendants(stopping.ProcessId)),
            children => children.Any(c => c.Name is "pdftoppm" or "tesseract"),
            Deadline,
            "OCR to be running in the worker");
        var children = ProcessTree.Descendants(stopping.ProcessId).Where(c => Readers.Contains(c.Name)).Select(c => c.Pid).ToList();
        var asked = Stopwatch.StartNew();
        await stopping.StopAsync(TimeSpan.FromSeconds(60));

        Assert.That(asked.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "the worker exited within 30 s of SIGTERM: " + stopping.RecentLog);
        Assert.That(children.Where(ProcessTree.IsAlive), Is.Empty, $"none of its readers and tools ({string.Join(", ", tools)}) is left");
        var queries = fleet.Services.GetRequiredService<PacketStatusQueries>();
        Assert.That((await queries.DocumentsAsync([packet.PacketId])).Single().State, Is.Not.EqualTo("REJECTED"), "the stop did not end the document");

        var next = await fleet.StartWorkerAsync("worker-next", new Dictionary<string, string?> { ["Ingestion:Reader:MaxAttempts"] = "1" });
        var documents = await fleet.WaitForSettledAsync(Deadline, packet.PacketId);
        Assert.That(documents.Select(d => $"{d.State} {d.ErrorCode}".Trim()), Is.EqualTo(new[] { "ARCHIVED" }), await fleet.ExplainAsync(documents) + next.RecentLog);
    }

    [Test]
    public async Task A_document_whose_worker_dies_while_reading_it_is_rejected_once_its_attempts_are_spent()
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.None);
        var oneAttempt = new Dictionary<string, string?> { ["Ingestion:Ocr:Dpi"] = "600", ["Ingestion:Reader:MaxAttempts"] = "1" };
        var dying = await fleet.StartWorkerAsync("worker-dying", oneAttempt);
        var packet = await fleet.SubmitAsync(PdfPacketWriter.WritePacket(Path.Combine(_samples, "p"), Site, [PdfVariant.Scanned], seed: 16), Site.SiteId);
        await Eventually.Until(
            () => Task.FromResult(ProcessTree.Descendants(dying.ProcessId)),
            children => children.Any(c => c.Name is "pdftoppm" or "tesseract"),
            Deadline,
            "OCR to be running in the worker");

        // As the kernel's OOM killer would: no chance to hand anything back.
        await dying.KillAsync();
        var next = await fleet.StartWorkerAsync("worker-next", oneAttempt);

        var documents = await fleet.WaitForSettledAsync(Deadline, packet.PacketId);
        Assert.That(documents.Select(d => $"{d.State} {d.ErrorCode}".Trim()), Is.EqualTo(new[] { "REJECTED PARSER_CRASH" }), await fleet.ExplainAsync(documents) + next.RecentLog);
        Assert.That((await fleet.SagaAsync(documents[0].CorrelationId)).Reason, Does.Contain("stopped without an answer 1 time"));
    }
}
