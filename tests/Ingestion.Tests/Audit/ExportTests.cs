using System.Text.Json.Nodes;
using Ingestion.Qualification.Isolation;
using Ingestion.Samples;
using Ingestion.Saga.Packets;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Audit;

/// <summary>The WORM export of the audit ledger, its offline verification and the timelines rebuilt from it, through the <c>ingest</c> CLI.</summary>
[TestFixture]
public sealed class ExportTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // Each test archives one document, the first export test then a second.
    private static readonly int OneDocument = ExpectedLedger.EntriesFor(ExpectedOutcome.Archived);
    private static readonly int TwoDocuments = ExpectedLedger.EntriesFor(2, ExpectedOutcome.Archived);
    private const int SegmentSize = 2;
    private static readonly SampleSite Site = SamplePacketWriter.DemoSites[0];
    private string _folder = null!;
    private string _export = null!;

    [SetUp]
    public void CreateFolders()
    {
        _folder = Directory.CreateTempSubdirectory("ingestion-export-").FullName;
        _export = Path.Combine(_folder, "export");
    }

    [TearDown]
    public void DeleteFolders()
    {
        // Closed segments are read-only; make them writable again so the folder can go.
        foreach (var file in Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task An_export_closes_full_segments_read_only_verifies_offline_and_a_later_export_continues_the_open_segment()
    {
        await using var fleet = await StartFleetAsync();
        await ArchiveOneDocumentAsync(fleet, "p1", 31, entries: OneDocument);
        // The test is about a partial last segment; an outcome that wrote an even number of entries would leave none.
        Assert.That(OneDocument % SegmentSize, Is.Not.Zero, "one document's entries end in a partial segment");

        var export = await fleet.RunIngestAsync("audit", "export", _export, "--segment-size", $"{SegmentSize}");

        Assert.That(export.ExitCode, Is.Zero, export.Output);
        var closedSegments = OneDocument / SegmentSize;
        var openSegment = closedSegments + 1;
        Assert.That(SegmentFiles(), Is.EqualTo(Enumerable.Range(1, openSegment).Select(n => Path.GetFileName(Segment(n)))));
        Assert.That(await File.ReadAllLinesAsync(Path.Combine(_export, "segments.jsonl")), Has.Length.EqualTo(closedSegments));
        Assert.That(File.Exists(Path.Combine(_export, $"checkpoint-{OneDocument}.json")) && File.Exists(Path.Combine(_export, "public-key.pem")));
        if (!OperatingSystem.IsWindows())
        {
            var readOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
            for (var n = 1; n <= closedSegments; n++)
            {
                Assert.That(File.GetUnixFileMode(Segment(n)), Is.EqualTo(readOnly), $"closed segment {n}");
            }

            Assert.That(File.GetUnixFileMode(Segment(openSegment)), Is.Not.EqualTo(readOnly), "the last, partial segment stays open");
        }

        var verify = await VerifyAsync(fleet);
        Assert.That(verify.ExitCode, Is.Zero, verify.Output);
        Assert.That(verify.Output, Does.Contain($"Export intact: {OneDocument} entries in {openSegment} segments, head seq {OneDocument}"));
        var online = await fleet.RunIngestAsync("audit", "verify");
        Assert.That(online.ExitCode, Is.Zero, online.Output);
        Assert.That(online.Output, Does.Contain($"Audit chain intact: {OneDocument} entries, head seq {OneDocument}"), "without --from, verify still checks the database");

        var closed = await Task.WhenAll(Enumerable.Range(1, closedSegments).Select(n => File.ReadAllBytesAsync(Segment(n))));
        var open = await File.ReadAllBytesAsync(Segment(openSegment));
        await ArchiveOneDocumentAsync(fleet, "p2", 41, entries: TwoDocuments);

        var again = await fleet.RunIngestAsync("audit", "export", _export, "--segment-size", $"{SegmentSize}");

        Assert.That(again.ExitCode, Is.Zero, again.Output);
        Assert.That(again.Output, Does.Contain($"Exported {TwoDocuments - OneDocument} new entries"));
        for (var n = 1; n <= closedSegments; n++)
        {
            Assert.That(await File.ReadAllBytesAsync(Segment(n)), Is.EqualTo(closed[n - 1]), $"closed segment {n} unchanged");
        }

        var continued = await File.ReadAllBytesAsync(Segment(openSegment));
        Assert.That(continued.AsSpan(0, open.Length).SequenceEqual(open) && continued.Length > open.Length, "the open segment is appended to, not rewritten");
        var segments = (TwoDocuments + SegmentSize - 1) / SegmentSize;
        Assert.That(SegmentFiles(), Has.Count.EqualTo(segments));
        Assert.That(await File.ReadAllLinesAsync(Path.Combine(_export, "segments.jsonl")), Has.Length.EqualTo(TwoDocuments / SegmentSize));
        var reverify = await VerifyAsync(fleet);
        Assert.That(reverify.ExitCode, Is.Zero, reverify.Output);
        Assert.That(reverify.Output, Does.Contain($"Export intact: {TwoDocuments} entries in {segments} segments, head seq {TwoDocuments}"));
        Assert.That(reverify.Output, Does.Contain($"checkpoint {TwoDocuments} verifies"));
    }

    [Test]
    public async Task One_flipped_byte_in_a_closed_segment_fails_verification_naming_the_segment_and_stops_the_next_export()
    {
        await using var fleet = await StartFleetAsync();
        await ArchiveOneDocumentAsync(fleet, "p1", 37, entries: OneDocument);
        var export = await fleet.RunIngestAsync("audit", "export", _export, "--segment-size", $"{SegmentSize}");
        Assert.That(export.ExitCode, Is.Zero, export.Output);

        var bytes = await File.ReadAllBytesAsync(Segment(2));
        bytes[bytes.Length / 2] ^= 0x01;
        File.SetAttributes(Segment(2), FileAttributes.Normal);
        await File.WriteAllBytesAsync(Segment(2), bytes);

        var verify = await VerifyAsync(fleet);
        Assert.That(verify.ExitCode, Is.EqualTo(1), verify.Output);
        Assert.That(verify.Output, Does.Contain("segment segment-000002.jsonl"));
        var again = await fleet.RunIngestAsync("audit", "export", _export, "--segment-size", $"{SegmentSize}");
        Assert.That(again.ExitCode, Is.EqualTo(1), again.Output);
        Assert.That(again.Output, Does.Contain("segment-000002.jsonl"));
    }

    [Test]
    public async Task Reconstruct_from_an_export_gives_each_document_the_final_state_ingest_documents_shows_and_timeline_lists_its_actions_in_order()
    {
        await using var fleet = await StartFleetAsync();
        var document = await ArchiveOneDocumentAsync(fleet, "p1", 43, entries: OneDocument);
        var export = await fleet.RunIngestAsync("audit", "export", _export, "--segment-size", "3");
        Assert.That(export.ExitCode, Is.Zero, export.Output);

        var reconstruct = await fleet.RunIngestAsync("audit", "reconstruct", "--from", _export, "--format", "json");

        Assert.That(reconstruct.ExitCode, Is.Zero, reconstruct.Output);
        var json = JsonNode.Parse(reconstruct.Output)!;
        var documents = json["documents"]!.AsArray();
        Assert.That(documents, Has.Count.EqualTo(1));
        var rebuilt = documents[0]!;
        Assert.That(rebuilt["correlation_id"]!.GetValue<Guid>(), Is.EqualTo(document.CorrelationId));
        Assert.That(rebuilt["packet_id"]!.GetValue<Guid>(), Is.EqualTo(document.PacketId));
        Assert.That(rebuilt["site_id"]!.GetValue<string>(), Is.EqualTo(document.SiteId));
        Assert.That(rebuilt["final_state"]!.GetValue<string>(), Is.EqualTo(document.State));
        Assert.That(rebuilt["entries"]!.AsArray(), Has.Count.EqualTo(OneDocument));
        var listed = await fleet.RunIngestAsync("documents", "--packet", document.PacketId.ToString());
        Assert.That(listed.Output.Split('\n').Single(line => line.Contains(document.DocumentId, StringComparison.Ordinal)), Does.Contain(rebuilt["final_state"]!.GetValue<string>()));

        var timeline = await fleet.RunIngestAsync("audit", "timeline", document.CorrelationId.ToString());

        Assert.That(timeline.ExitCode, Is.Zero, timeline.Output);
        var ledger = await fleet.LedgerAsync(document.CorrelationId);
        var positions = ledger.Select(e => timeline.Output.IndexOf($" {e.Seq,6}  ", StringComparison.Ordinal)).ToList();
        Assert.That(positions, Has.All.GreaterThanOrEqualTo(0));
        Assert.That(positions, Is.Ordered.Ascending);
        Assert.That(timeline.Output, Does.Contain($"final: {document.State}"));
        foreach (var entry in ledger)
        {
            Assert.That(timeline.Output, Does.Contain(entry.Event.Action));
        }
    }

    private string Segment(int number) => Path.Combine(_export, $"segment-{number:D6}.jsonl");

    private List<string> SegmentFiles() =>
        Directory.EnumerateFiles(_export, "segment-*.jsonl").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    private Task<IngestCommandResult> VerifyAsync(Fleet fleet) =>
        fleet.RunIngestAsync("audit", "verify", "--from", _export, "--key", Path.Combine(_export, "public-key.pem"));

    private Task<Fleet> StartFleetAsync() =>
        Fleet.StartAsync(overrides: new Dictionary<string, string?> { ["Ingestion:Audit:SigningKeyPath"] = Path.Combine(_folder, "keys", "ledger-signing.pem") });

    private async Task<DocumentOutcome> ArchiveOneDocumentAsync(Fleet fleet, string name, int seed, int entries)
    {
        var folder = SamplePacketWriter.WritePacket(Path.Combine(_folder, name), Site, [SamplePacketWriter.Variant.Current], seed);
        var packet = await fleet.SubmitAsync(folder, Site.SiteId);
        var document = (await fleet.WaitForPacketsAsync(Deadline, packet.PacketId)).Single();
        Assert.That(document.State, Is.EqualTo("ARCHIVED"));
        await fleet.WaitForLedgerAsync(entries, Deadline);
        return document;
    }
}
