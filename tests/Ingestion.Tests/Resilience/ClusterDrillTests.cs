using System.Diagnostics;
using System.Globalization;
using Ingestion.Hosting;
using Ingestion.Samples;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Resilience;

/// <summary>
/// Losing a machine loses nothing (issue 15): two worker processes ingest 1,000 documents on a cluster of their own
/// (<see cref="ClusterInfrastructure"/>: three RabbitMQ nodes with quorum queues, a PostgreSQL primary with a synchronous
/// standby) while a broker node is killed and the nodes are restarted one by one, or while the database primary crashes
/// and the standby is promoted. Each ends with every document final exactly once and the audit chain verified, and
/// prints its times for the README (<c>notes/drills.md</c>).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ClusterDrillTests
{
    private const int Documents = 1000;

    // A cold start boots three Erlang VMs beside the suite's servers on two shared cores: 2 min 24 s here under load.
    private static readonly TimeSpan InfrastructureStart = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan Stage = TimeSpan.FromMinutes(3);

    private static readonly Dictionary<string, string?> DrillSettings = new()
    {
        ["Ingestion:RabbitMq:QueueType"] = "quorum",
        // The durable outbox, redelivery and reconnection alone must bring every document home.
        ["Ingestion:Recovery:Enabled"] = "false",
        ["Ingestion:Intake:MaxDocumentsPerPacket"] = Documents.ToString(CultureInfo.InvariantCulture),
        // Longer than a failover on a loaded machine (a crash, the promotion, Npgsql's 10 s host recheck: up to 50 s
        // here): what fails while no primary serves is delivered again for about 100 s before it is dead-lettered.
        ["Ingestion:Redelivery:MaxRedeliveries"] = "15",
        ["Ingestion:Redelivery:BaseDelayMs"] = "1000",
        ["Ingestion:Redelivery:Factor"] = "2",
        ["Ingestion:Redelivery:MaxDelayMs"] = "8000",
        ["Ingestion:CircuitBreaker:RestartTimeoutSeconds"] = "5",
    };

    private ClusterInfrastructure? _cluster;
    private string _samples = null!;

    private ClusterInfrastructure Cluster => _cluster ?? throw new InvalidOperationException("the drill servers did not start");

    [OneTimeSetUp]
    public async Task StartTheDrillServersAsync()
    {
        var clock = Stopwatch.StartNew();
        _cluster = await ClusterInfrastructure.StartAsync(InfrastructureStart);
        TestContext.Progress.WriteLine($"Cluster drills: 3 RabbitMQ nodes and a PostgreSQL primary with a synchronous standby up in {clock.Elapsed.TotalSeconds:F0} s.");
    }

    [OneTimeTearDown]
    public async Task StopTheDrillServersAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAsync();
        }
    }

    [SetUp]
    public void CreateSampleFolder() => _samples = Directory.CreateTempSubdirectory("ingestion-cluster-drill-").FullName;

    [TearDown]
    public void DeleteSampleFolder() => Directory.Delete(_samples, recursive: true);

    [Test]
    public async Task Two_workers_ingest_1000_documents_through_a_kill_of_the_busiest_broker_node_and_a_rolling_restart_losing_and_duplicating_nothing()
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.None, overrides: DrillSettings, infrastructure: Cluster.Infrastructure);
        await Task.WhenAll(fleet.StartWorkerAsync("cluster-a"), fleet.StartWorkerAsync("cluster-b"));
        // Two packets of 500: the first runs through the kill, the second through the rolling restart, however fast
        // this machine happens to be (a node's restart took 20 s to 2.5 min here).
        var first = await SubmitAsync(fleet, Documents / 2, seed: 91);
        await using var progress = ProgressTimeline.Start(fleet, first);

        var atKill = await FinalAtLeastAsync(progress, Documents / 10, "before the kill");
        var busiest = await Cluster.ControlAsync("rabbit-busiest", fleet.VirtualHost);
        var killed = progress.Now;
        await Cluster.ControlAsync("rabbit-kill", busiest);
        await FinalAtLeastAsync(progress, atKill + 50, "50 more final with the node down");
        await Cluster.ControlAsync("rabbit-start", busiest);
        var nodeBack = progress.Now;

        var second = await SubmitAsync(fleet, Documents / 2, seed: 92);
        progress.Add(second);
        var atRestart = progress.Final;
        var restartBegan = progress.Now;
        await Cluster.ControlAsync("rabbit-rolling-restart");
        var restartEnded = progress.Now;
        var afterRestart = progress.Final;

        var documents = (await DrillAccounting.WaitForPacketAsync(fleet, first, Stage)).Concat(await DrillAccounting.WaitForPacketAsync(fleet, second, Stage)).ToList();
        var allFinal = progress.Now;
        await DrillAccounting.AssertNothingLostOrDuplicatedAsync(fleet, documents, Documents);
        var kill = progress.LongestStall(killed, nodeBack);
        var rolling = progress.LongestStall(restartBegan, allFinal);
        TestContext.Progress.WriteLine(
            $"Broker node drill: {Documents} documents in two packets of {Documents / 2}, 2 workers, 3 nodes. kill -9 of node {busiest} (leading the most queues) at {atKill} final: " +
            $"longest stretch without a new final document {kill.Stall.TotalSeconds:F1} s, ending {kill.ResumedAfter.TotalSeconds:F1} s after the kill; " +
            $"the node back in the cluster {(nodeBack - killed).TotalSeconds:F1} s after the kill. Rolling restart from {atRestart} to {afterRestart} final " +
            $"in {(restartEnded - restartBegan).TotalSeconds:F1} s, longest stall {rolling.Stall.TotalSeconds:F1} s; all final {(allFinal - restartEnded).TotalSeconds:F1} s " +
            $"after it, {allFinal.TotalSeconds:F1} s after the submission. Lost 0, duplicated 0, chain verified.");
    }

    [Test]
    public async Task Two_workers_ingest_1000_documents_through_a_crash_of_the_database_primary_and_the_standby_promotion_losing_nothing_committed()
    {
        var primary = await Cluster.ControlAsync("pg-primary");
        try
        {
            await using var fleet = await Fleet.StartAsync(FleetRoles.None, overrides: DrillSettings, infrastructure: Cluster.Infrastructure);
            await Task.WhenAll(fleet.StartWorkerAsync("failover-a"), fleet.StartWorkerAsync("failover-b"));
            var packetId = await SubmitAsync(fleet, Documents, seed: 93);
            await using var progress = ProgressTimeline.Start(fleet, packetId);

            var atCrash = await FinalAtLeastAsync(progress, Documents / 4, "before the crash");
            var crashed = progress.Now;
            await Cluster.ControlAsync("pg-stop-primary");
            await Cluster.ControlAsync("pg-promote");
            var promoted = progress.Now;
            Assert.That(await Cluster.ControlAsync("pg-primary"), Is.Not.EqualTo(primary), "the standby is the primary");

            // The fleet's connection string names both servers and asks for the primary: it finds the promoted one alone.
            await Eventually.Until(() => Task.FromResult(progress.ProgressedSince(promoted)), progressed => progressed, Stage, "documents final on the promoted primary");
            var documents = await DrillAccounting.WaitForPacketAsync(fleet, packetId, Stage);
            var allFinal = progress.Now;
            await DrillAccounting.AssertNothingLostOrDuplicatedAsync(fleet, documents, Documents);
            var failover = progress.LongestStall(crashed, allFinal);
            TestContext.Progress.WriteLine(
                $"Database failover drill: {Documents} documents, 2 workers, synchronous standby. Primary (node {primary}) crashed (pg_ctl stop -m immediate) " +
                $"at {atCrash} final, standby promoted {(promoted - crashed).TotalSeconds:F1} s later (both scripts' time): " +
                $"longest stretch without a new final document {failover.Stall.TotalSeconds:F1} s, ending {failover.ResumedAfter.TotalSeconds:F1} s after the crash; all final {(allFinal - promoted).TotalSeconds:F1} s after the promotion, " +
                $"{allFinal.TotalSeconds:F1} s after the submission. Lost 0, duplicated 0, chain verified.");
        }
        finally
        {
            // The crashed primary comes back as the new primary's standby, for whatever runs next on these servers.
            await Cluster.ControlAsync("pg-reseed", primary);
        }
    }

    private async Task<Guid> SubmitAsync(Fleet fleet, int documents, int seed)
    {
        var site = SamplePacketWriter.DemoSites[0];
        var folder = SamplePacketWriter.WritePacket(
            Path.Combine(_samples, $"p{seed}"), site, Enumerable.Repeat(SamplePacketWriter.Variant.Current, documents).ToList(), seed);
        return (await fleet.SubmitAsync(folder, site.SiteId)).PacketId;
    }

    private static Task<int> FinalAtLeastAsync(ProgressTimeline progress, int count, string when) =>
        Eventually.Until(() => Task.FromResult(progress.Final), final => final >= count, Stage, $"{count} final documents {when}");
}
