using System.Text.Json;
using Ingestion.Contracts;
using Ingestion.Messaging.Fleet;
using Ingestion.Persistence.Content;
using Ingestion.Saga.Documents;
using Ingestion.Samples;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Tests.Resilience;

[TestFixture]
public sealed class RecoverySweepTests
{
    [Test]
    public async Task A_document_whose_worker_died_after_saving_its_transition_is_resumed_and_archived()
    {
        await using var fleet = await Fleet.StartAsync(overrides: new Dictionary<string, string?>
        {
            ["Ingestion:Recovery:StaleAfterSeconds"] = "2",
            ["Ingestion:Recovery:SweepIntervalSeconds"] = "1",
        });
        var samples = Directory.CreateTempSubdirectory("ingestion-sweep-").FullName;
        try
        {
            // What a ValidateDocument lost outside the outbox (purged from a dead-letter queue, say) leaves behind: the saga
            // row waiting in VALIDATING and the packet, but no command on any queue.
            var site = SamplePacketWriter.DemoSites[0];
            var folder = SamplePacketWriter.WritePacket(Path.Combine(samples, "p"), site, [SamplePacketWriter.Variant.Current], 67);
            StoredContent stored;
            await using (var file = File.OpenRead(Path.Combine(folder, "001-fda-1572.txt")))
            {
                stored = await fleet.Services.GetRequiredService<ContentStore>().StoreAsync(file);
            }

            var packetId = Guid.NewGuid();
            var saga = new DocumentIngestionState
            {
                CorrelationId = NameBasedGuid.ForDocument(packetId, "DOC-1"),
                CurrentState = DocumentState.Validating.Name,
                PacketId = packetId,
                SiteId = site.SiteId,
                StudyId = "ABC-123",
                SubmittedAt = DateTime.UtcNow,
                Document = new SubmittedDocument
                {
                    DocumentId = "DOC-1", ArtifactType = "05.02.08", FileName = "001-fda-1572.txt", SizeBytes = stored.SizeBytes,
                    Sha256 = stored.Sha256, ContentReference = stored.Reference,
                },
            };
            await using (var connection = await fleet.OpenDatabaseAsync())
            await using (var insert = new NpgsqlCommand(
                """
                INSERT INTO packets (packet_id, site_id, study_id, submitted_at, submitted_by, document_count) VALUES (@p, @s, 'ABC-123', now(), 'site', 1);
                INSERT INTO document_ingestion (correlation_id, version, data, updated_at, current_state, packet_id, site_id)
                VALUES (@id, 1, @data, now() - interval '1 minute', @state, @p, @s);
                """, connection))
            {
                insert.Parameters.AddWithValue("p", packetId);
                insert.Parameters.AddWithValue("s", site.SiteId);
                insert.Parameters.AddWithValue("id", saga.CorrelationId);
                insert.Parameters.AddWithValue("state", saga.CurrentState);
                insert.Parameters.AddWithValue("data", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(saga));
                await insert.ExecuteNonQueryAsync();
            }

            var documents = await fleet.WaitForPacketsAsync(TimeSpan.FromSeconds(60), packetId);

            Assert.That(documents.Single().State, Is.EqualTo("ARCHIVED"));
        }
        finally
        {
            Directory.Delete(samples, recursive: true);
        }
    }
}
