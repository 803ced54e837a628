using System.Diagnostics;
using System.Globalization;
using Ingestion.Contracts;
using Ingestion.Hosting;
using Ingestion.Qualification.Faults;
using Ingestion.Saga.Packets;
using Ingestion.Samples;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Resilience;

/// <summary>
/// Fault drills against the broker and the database, on real worker processes. Each worker reaches the server through a
/// <see cref="ThrottledTcpProxy"/>, which can drop its connections and leave new ones unanswered (the server is down) or slow them to a trickle
/// (the server is overloaded) without disturbing anything else that uses the same server.
/// </summary>
[TestFixture]
public sealed class OutageDrillTests
{
    private const int Documents = 300;

    // How long the server stays down: longer than every in-process retry budget, so that recovery has to come from
    // reconnecting, redelivery and the outbox, not from a lucky retry.
    private static readonly TimeSpan OutageLength = TimeSpan.FromSeconds(12);

    private static readonly Dictionary<string, string?> DrillSettings = new()
    {
        // The outbox alone must carry every document through: the recovery sweep stays out of it.
        ["Ingestion:Recovery:Enabled"] = "false",
        // One packet of 300 documents per drill, above a site's limit of 200.
        ["Ingestion:Intake:MaxDocumentsPerPacket"] = "1000",
        ["Ingestion:Redelivery:MaxRedeliveries"] = "8",
        ["Ingestion:Redelivery:BaseDelayMs"] = "1000",
        ["Ingestion:Redelivery:Factor"] = "2",
        ["Ingestion:Redelivery:MaxDelayMs"] = "8000",
        ["Ingestion:CircuitBreaker:RestartTimeoutSeconds"] = "5",
    };

    [Test]
    public async Task Broker_down_for_twelve_seconds_mid_run_loses_and_duplicates_nothing()
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.None, overrides: DrillSettings);
        await using var proxy = ThrottledTcpProxy.Start(TestEnvironment.RabbitHost, TestEnvironment.RabbitPort);
        var throughProxy = new Dictionary<string, string?> { ["Ingestion:RabbitMq:Port"] = proxy.Port.ToString(CultureInfo.InvariantCulture) };

        var drain = await RunOutageAsync(fleet, proxy, throughProxy, "broker");

        TestContext.Out.WriteLine($"Broker outage drill: {Documents} documents final {drain.TotalSeconds:F1} s after the broker came back.");
    }

    [Test]
    public async Task Database_down_for_twelve_seconds_mid_run_loses_and_duplicates_nothing()
    {
        await using var fleet = await Fleet.StartAsync(FleetRoles.None, overrides: DrillSettings);
        var database = new NpgsqlConnectionStringBuilder(TestEnvironment.DatabaseConnectionString);
        await using var proxy = ThrottledTcpProxy.Start(database.Host!, database.Port);
        var throughProxy = ThroughProxy(database, proxy);

        var drain = await RunOutageAsync(fleet, proxy, throughProxy, "database");

        TestContext.Out.WriteLine($"Database outage drill: {Documents} documents final {drain.TotalSeconds:F1} s after the database came back.");
    }

    [Test]
    public async Task Database_throttled_to_a_trickle_opens_the_breaker_and_after_recovery_every_document_completes()
    {
        // Dead-lettering instead of redelivery, as the validation runbook describes it: what the throttled database makes
        // fail must land in the error queues intact and be replayed by an operator.
        var settings = new Dictionary<string, string?>(DrillSettings) { ["Ingestion:Redelivery:MaxRedeliveries"] = "0" };
        await using var fleet = await Fleet.StartAsync(FleetRoles.None, overrides: settings);
        var database = new NpgsqlConnectionStringBuilder(TestEnvironment.DatabaseConnectionString);
        await using var proxy = ThrottledTcpProxy.Start(database.Host!, database.Port);
        var throughProxy = ThroughProxy(database, proxy);
        var samples = Directory.CreateTempSubdirectory("ingestion-throttle-").FullName;
        try
        {
            var (packet, _) = await StartRunAsync(fleet, throughProxy, "throttle", samples, siteIndex: 2, seed: 63, finalBefore: Documents / 10);
            var queries = fleet.Services.GetRequiredService<PacketStatusQueries>();

            // A tenth of the capacity: the database keeps two connections of the fleet's twenty and more, sheds the rest (their
            // work in flight fails), takes new ones only as those two free up, and answers every chunk 20 ms late.
            proxy.Throttle = new ProxyThrottle(TimeSpan.FromMilliseconds(20), MaxConnections: 2);
            proxy.ShedTo(2);
            var clock = Stopwatch.StartNew();
            await Eventually.Until(
                () => Task.FromResult(fleet.WorkerLog.Any(l => l.Contains("Circuit breaker of", StringComparison.Ordinal) && l.Contains("opened", StringComparison.Ordinal))),
                opened => opened, TimeSpan.FromSeconds(30), "a circuit breaker to open within 30 s of the throttle");
            var toOpen = clock.Elapsed;
            proxy.Throttle = ProxyThrottle.None;
            var recovered = Stopwatch.StartNew();

            // Whatever failed meanwhile is in an error queue, whole: an operator replays it until the packet is done (messages
            // that were still in their retries when the throttle lifted may fail over after a first replay).
            var replayed = 0;
            await Eventually.Until(
                async () =>
                {
                    replayed += await ReplayDeadLettersAsync(fleet);
                    return (await queries.PacketsAsync([packet.PacketId])).Single().CompletedAt is not null;
                },
                completed => completed, TimeSpan.FromMinutes(5), "every document to complete after recovery and replay");
            var documents = await fleet.WaitForPacketsAsync(TimeSpan.FromMinutes(1), packet.PacketId);
            TestContext.Out.WriteLine(
                $"Throttle drill: breaker open {toOpen.TotalSeconds:F1} s after the throttle; {replayed} dead-lettered messages replayed; " +
                $"{Documents} documents final {recovered.Elapsed.TotalSeconds:F1} s after recovery.");
            Assert.That(toOpen, Is.LessThan(TimeSpan.FromSeconds(30)));
            await DrillAccounting.AssertNothingLostOrDuplicatedAsync(fleet, documents, Documents);
            var ledger = await fleet.LedgerAsync();
            Assert.That(ledger.Any(e => e.Event.Action == "CIRCUIT_OPENED"), "the opening is on the audit trail");
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }

    /// <summary>Starts two workers that reach the server through the proxy, submits the drill's packet and waits for a first share of it.</summary>
    private static async Task<(PacketSubmitted Packet, int FinalBefore)> StartRunAsync(
        Fleet fleet, Dictionary<string, string?> throughProxy, string drill, string samples, int siteIndex, int seed, int finalBefore)
    {
        await Task.WhenAll(fleet.StartWorkerAsync($"{drill}-drill-a", throughProxy), fleet.StartWorkerAsync($"{drill}-drill-b", throughProxy));
        var site = SamplePacketWriter.DemoSites[siteIndex];
        var folder = SamplePacketWriter.WritePacket(
            Path.Combine(samples, "p"), site, Enumerable.Repeat(SamplePacketWriter.Variant.Current, Documents).ToList(), seed);
        var queries = fleet.Services.GetRequiredService<PacketStatusQueries>();
        var packet = await fleet.SubmitAsync(folder, site.SiteId);
        var final = await Eventually.Until(
            async () => (await queries.PacketsAsync([packet.PacketId])).SingleOrDefault()?.FinalCount ?? 0,
            count => count >= finalBefore, TimeSpan.FromMinutes(3), $"{finalBefore} final documents before the fault");
        return (packet, final);
    }

    private static async Task<int> ReplayDeadLettersAsync(Fleet fleet)
    {
        var replayed = 0;
        var operatorSignedUp = false;
        foreach (var queue in DrillAccounting.ErrorQueues)
        {
            var depth = await RabbitManagement.QueueDepthAsync(fleet.VirtualHost, queue);
            if (depth <= 0)
            {
                continue;
            }

            var show = await fleet.RunIngestAsync("dlq", "list");
            Assert.That(show.Output, Does.Contain(queue), show.Output);
            if (!operatorSignedUp)
            {
                await People.CreateAsync(fleet, People.Operator);
                operatorSignedUp = true;
            }

            var replay = await fleet.RunIngestWithInputAsync(
                People.Password + "\n",
                "dlq", "replay", "--queue", queue, "--by", People.Operator.UserName, "--reason", "database recovered after the throttle drill", "--password-stdin");
            Assert.That(replay.ExitCode, Is.Zero, replay.Output);
            replayed += (int)depth;
        }

        return replayed;
    }

    // Both of the workers' roles, the fleet's and the ledger appender's, reach the database through the proxy.
    private static Dictionary<string, string?> ThroughProxy(NpgsqlConnectionStringBuilder database, ThrottledTcpProxy proxy) => new()
    {
        ["Ingestion:Database:ConnectionString"] = Proxied(database.ConnectionString, proxy),
        ["Ingestion:Database:LedgerConnectionString"] = Proxied(TestEnvironment.LedgerConnectionString, proxy),
    };

    private static string Proxied(string connectionString, ThrottledTcpProxy proxy) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            Host = "127.0.0.1",
            Port = proxy.Port,
            // Give up on a connection quickly, as a worker facing a dead server should, instead of after 15 s.
            Timeout = 2,
            CommandTimeout = 10,
        }.ConnectionString;

    private static async Task<TimeSpan> RunOutageAsync(Fleet fleet, ThrottledTcpProxy proxy, Dictionary<string, string?> throughProxy, string server)
    {
        var samples = Directory.CreateTempSubdirectory("ingestion-outage-").FullName;
        try
        {
            var (packet, finalBefore) = await StartRunAsync(fleet, throughProxy, server, samples, siteIndex: 0, seed: 62, finalBefore: Documents / 5);
            // Down: every connection dropped, and new ones get no answer until the server is back.
            proxy.Throttle = ProxyThrottle.Hung;
            proxy.CutAll();
            // The outage itself: the one fixed wait of the drill is the fault being injected, not a wait for an outcome.
            await Task.Delay(OutageLength);
            proxy.Throttle = ProxyThrottle.None;
            var clock = Stopwatch.StartNew();

            var documents = await DrillAccounting.WaitForPacketAsync(fleet, packet.PacketId, TimeSpan.FromMinutes(5));
            var drain = clock.Elapsed;
            TestContext.Out.WriteLine($"{finalBefore} of {Documents} final when the {server} went down for {OutageLength.TotalSeconds:F0} s.");
            await DrillAccounting.AssertNothingLostOrDuplicatedAsync(fleet, documents, Documents);
            return drain;
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }
}
