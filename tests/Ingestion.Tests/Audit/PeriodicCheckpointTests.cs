using Ingestion.Audit.Checkpoints;
using Ingestion.Samples;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Audit;

[TestFixture]
public sealed class PeriodicCheckpointTests
{
    [Test]
    public async Task An_audit_worker_signs_a_checkpoint_of_the_grown_ledger_by_itself()
    {
        var folder = Directory.CreateTempSubdirectory("ingestion-periodic-").FullName;
        try
        {
            await using var fleet = await Fleet.StartAsync(overrides: new Dictionary<string, string?>
            {
                ["Ingestion:Audit:SigningKeyPath"] = Path.Combine(folder, "keys", "ledger.pem"),
                ["Ingestion:Audit:CheckpointIntervalSeconds"] = "1",
            });
            var site = SamplePacketWriter.DemoSites[0];
            var packet = await fleet.SubmitAsync(
                SamplePacketWriter.WritePacket(Path.Combine(folder, "p"), site, [SamplePacketWriter.Variant.Current], 73), site.SiteId);
            await fleet.WaitForPacketsAsync(TimeSpan.FromSeconds(60), packet.PacketId);
            var entries = ExpectedLedger.EntriesFor(ExpectedOutcome.Archived);
            await fleet.WaitForLedgerAsync(entries, TimeSpan.FromSeconds(60));

            var checkpoint = await Eventually.Until(
                () => fleet.Services.GetRequiredService<CheckpointStore>().LatestAsync(), c => c?.TreeSize >= entries, TimeSpan.FromSeconds(30),
                $"a checkpoint covering the document's {entries} entries");

            Assert.That(checkpoint!.Signature, Is.Not.Empty);
            var manual = await fleet.RunIngestAsync("audit", "checkpoint");
            Assert.That(manual.ExitCode, Is.Zero, manual.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
