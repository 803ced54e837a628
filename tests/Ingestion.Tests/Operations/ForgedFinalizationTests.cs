using Ingestion.Contracts;
using Ingestion.Hosting;
using Ingestion.Samples;
using Ingestion.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Operations;

/// <summary>
/// The attack of issue 13: <see cref="DocumentFinalized"/> messages forged onto the bus, claiming stage failures for a
/// real packet, used to count towards its completion and to trip the dead-letter-rate compliance hold for every site.
/// The packet tracker now counts only what the document's own saga row says.
/// </summary>
[TestFixture]
public sealed class ForgedFinalizationTests
{
    private const int Forgeries = 25;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Test]
    public async Task Forged_document_finalizations_are_refused_and_logged_and_neither_count_for_a_packet_nor_place_a_hold()
    {
        await using var fleet = await Fleet.StartAsync(
            FleetRoles.None,
            overrides: new Dictionary<string, string?>
            {
                ["Ingestion:ComplianceHold:CheckIntervalSeconds"] = "1",
                ["Ingestion:ComplianceHold:DeadLetterMinDocuments"] = "10",
            });
        await fleet.StartWorkerAsync("tracker-worker");
        var samples = Directory.CreateTempSubdirectory("ingestion-forged-final-").FullName;
        try
        {
            var site = SamplePacketWriter.DemoSites[0];
            var honest = await fleet.SubmitAsync(
                SamplePacketWriter.WritePacket(Path.Combine(samples, "p"), site, Enumerable.Repeat(SamplePacketWriter.Variant.Current, 3).ToList(), 71),
                site.SiteId);
            var documents = await fleet.WaitForPacketsAsync(Deadline, honest.PacketId);

            // Stage failures for documents that never existed, and one for a real, archived document of the packet.
            var bus = fleet.Services.GetRequiredService<IBus>();
            var forged = Enumerable.Range(0, Forgeries).Select(_ => Guid.NewGuid()).Append(documents[0].CorrelationId).ToList();
            foreach (var correlationId in forged)
            {
                await bus.Publish(new DocumentFinalized
                {
                    CorrelationId = correlationId,
                    PacketId = honest.PacketId,
                    SiteId = site.SiteId,
                    DocumentId = $"forged-{correlationId:N}",
                    FinalState = DocumentState.Rejected.Display,
                    ErrorCode = ErrorCodes.ParserFailure,
                    FinalizedAt = DateTime.UtcNow,
                });
            }

            await Eventually.Until(
                () => Task.FromResult(fleet.WorkerLog.Count(l => l.Contains("Refused DocumentFinalized", StringComparison.Ordinal))),
                n => n >= Forgeries, Deadline, "every forged finalization refused");

            var counted = await CountedAsync(fleet, honest.PacketId);
            Assert.That(
                counted, Is.EquivalentTo(documents.Select(d => $"{d.CorrelationId} {d.DocumentId} {d.State} {d.ErrorCode}")),
                "the packet counts its own documents, as their sagas ended, and nothing forged");
            var refusal = fleet.WorkerLog.First(l => l.Contains("Refused DocumentFinalized", StringComparison.Ordinal));
            Assert.That(refusal, Does.Contain("\"SourceAddress\"").And.Contain("\"SenderHost\""), "the refusal names where the message came from");
            var hold = await fleet.RunIngestAsync("hold", "status");
            Assert.That(hold.ExitCode, Is.Zero, $"no compliance hold: {hold.Output}");
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }

    private static async Task<List<string>> CountedAsync(Fleet fleet, Guid packetId)
    {
        await using var connection = await fleet.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(
            "SELECT correlation_id, document_id, final_state, error_code FROM packet_documents WHERE packet_id = @packet", connection);
        command.Parameters.AddWithValue("packet", packetId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetGuid(0)} {reader.GetString(1)} {reader.GetString(2)} {(reader.IsDBNull(3) ? string.Empty : reader.GetString(3))}");
        }

        return rows;
    }
}
