using System.Diagnostics;
using Ingestion.Consumers.Parsing;
using Ingestion.Messaging.Telemetry;
using Ingestion.Samples;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Trace;

namespace Ingestion.Tests.Observability;

[TestFixture]
public sealed class TracingTests
{
    private const string TestSource = "Ingestion.Tests";
    private static readonly string[] Stages = ["ingestion.validate", "ingestion.parse", "ingestion.archive"];

    [Test]
    public Task Every_document_of_a_packet_is_one_trace_from_submission_to_its_final_state_and_its_audit_entries_carry_it() =>
        AssertOneCompleteTraceAsync(_ => { }, overrides: null, ExpectedOutcome.Archived);

    [Test]
    public Task Traces_stay_complete_when_every_parse_is_retried_in_process_and_redelivered_through_a_wait_queue() =>
        AssertOneCompleteTraceAsync(
            // Five failures: the four in-process attempts fail, the message waits in a wait queue, comes back and succeeds.
            services => services.Replace(ServiceDescriptor.Singleton<IFieldExtractor>(sp =>
                new FlakyFieldExtractor(ActivatorUtilities.CreateInstance<FieldExtractionChain>(sp), failures: 5, affects: _ => true))),
            new Dictionary<string, string?>
            {
                ["Ingestion:Redelivery:MaxRedeliveries"] = "2",
                ["Ingestion:Redelivery:BaseDelayMs"] = "300",
                ["Ingestion:Redelivery:MaxDelayMs"] = "1000",
            },
            ExpectedOutcome.ArchivedAfterFailedParses(5));

    private static async Task AssertOneCompleteTraceAsync(
        Action<IServiceCollection> configure, IReadOnlyDictionary<string, string?>? overrides, ExpectedOutcome eachDocument)
    {
        var spans = new List<Activity>();
        await using var fleet = await Fleet.StartAsync(
            configureServices: services =>
            {
                services.AddOpenTelemetry().WithTracing(tracing => tracing
                    .AddSource("MassTransit", IngestionActivities.SourceName, TestSource)
                    .AddInMemoryExporter(spans));
                configure(services);
            },
            overrides: overrides);
        using var source = new ActivitySource(TestSource);
        var samples = Directory.CreateTempSubdirectory("ingestion-trace-").FullName;
        try
        {
            var site = SamplePacketWriter.DemoSites[0];
            var folder = SamplePacketWriter.WritePacket(Path.Combine(samples, "p"), site, Enumerable.Repeat(SamplePacketWriter.Variant.Current, 3).ToList(), 103);
            string traceId;
            Ingestion.Contracts.PacketSubmitted packet;
            using (var submission = source.StartActivity("site submits packet"))
            {
                traceId = submission!.TraceId.ToHexString();
                packet = await fleet.SubmitAsync(folder, site.SiteId);
            }

            var documents = await fleet.WaitForPacketsAsync(TimeSpan.FromSeconds(90), packet.PacketId);
            var ledger = await fleet.WaitForLedgerAsync(ExpectedLedger.EntriesFor(documents.Count, eachDocument), TimeSpan.FromSeconds(90));

            Assert.That(ledger.Select(e => e.Event.TraceId), Is.All.EqualTo(traceId), "every audit entry names the submission's trace");
            var complete = await Eventually.Until(
                () =>
                {
                    List<Activity> snapshot;
                    lock (spans)
                    {
                        snapshot = [.. spans];
                    }

                    return Task.FromResult(documents.Count(d => Stages.All(stage => snapshot.Any(s =>
                        s.OperationName == stage && s.TraceId.ToHexString() == traceId
                        && (string?)s.GetTagItem("ingestion.correlation_id") == d.CorrelationId.ToString()))));
                },
                count => count == documents.Count, TimeSpan.FromSeconds(30), "a validate, parse and archive span of every document in the one trace");
            Assert.That(complete, Is.EqualTo(3), "100% of the packet's documents have complete traces");
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }
}
