using System.Diagnostics;
using Ingestion.Consumers.Parsing;
using Ingestion.Samples;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ingestion.Tests.Resilience;

[TestFixture]
public sealed class CircuitBreakerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Test]
    public async Task A_failing_dependency_opens_the_parse_breaker_which_closes_by_itself_after_recovery_all_on_the_audit_trail()
    {
        var outage = new Outage { Down = true };
        await using var fleet = await Fleet.StartAsync(
            configureServices: services => services.Replace(ServiceDescriptor.Singleton<IFieldExtractor>(sp =>
                new OutageFieldExtractor(ActivatorUtilities.CreateInstance<FieldExtractionChain>(sp), outage))),
            overrides: new Dictionary<string, string?>
            {
                ["Ingestion:CircuitBreaker:ActivationThreshold"] = "3",
                ["Ingestion:CircuitBreaker:TripThresholdPercent"] = "50",
                ["Ingestion:CircuitBreaker:TrackingPeriodSeconds"] = "30",
                ["Ingestion:CircuitBreaker:RestartTimeoutSeconds"] = "2",
                // In-flight messages still fail after the breaker opens; delayed redelivery keeps them for after recovery.
                ["Ingestion:Redelivery:MaxRedeliveries"] = "6",
                ["Ingestion:Redelivery:BaseDelayMs"] = "300",
                ["Ingestion:Redelivery:Factor"] = "2",
                ["Ingestion:Redelivery:MaxDelayMs"] = "5000",
            });
        var samples = Directory.CreateTempSubdirectory("ingestion-breaker-").FullName;
        try
        {
            var site = SamplePacketWriter.DemoSites[2];
            var folder = SamplePacketWriter.WritePacket(Path.Combine(samples, "p"), site, Enumerable.Repeat(SamplePacketWriter.Variant.Current, 12).ToList(), 47);
            var clock = Stopwatch.StartNew();
            var packet = await fleet.SubmitAsync(folder, site.SiteId);

            await Eventually.Until(() => fleet.LedgerAsync(), l => l.Any(e => e.Event.Action == "CIRCUIT_OPENED"), Deadline, "the breaker to open");
            var opened = clock.Elapsed;
            outage.Down = false;
            var documents = await fleet.WaitForPacketsAsync(Deadline, packet.PacketId);
            var ledger = await Eventually.Until(
                () => fleet.LedgerAsync(), l => l.Any(e => e.Event.Action == "CIRCUIT_CLOSED"), Deadline, "the breaker to close");

            TestContext.Out.WriteLine($"The parse breaker opened {opened.TotalSeconds:F1} s after the outage began.");
            Assert.That(opened, Is.LessThan(TimeSpan.FromSeconds(30)));
            Assert.That(documents, Has.Count.EqualTo(12));
            Assert.That(documents.Select(d => d.State), Is.All.EqualTo("ARCHIVED"), "every document completes after recovery; none is lost");
            var breaker = ledger.Where(e => e.Event.Action.StartsWith("CIRCUIT_", StringComparison.Ordinal) && e.Event.FromState!.StartsWith("parse-document", StringComparison.Ordinal)).ToList();
            Assert.That(breaker.First().Event.Action, Is.EqualTo("CIRCUIT_OPENED"));
            Assert.That(breaker.Last().Event.Action, Is.EqualTo("CIRCUIT_CLOSED"));
            Assert.That(breaker.First().Event.Reason, Does.Contain("failed transiently"));
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }
}
