using System.Text;
using System.Text.Json;
using Ingestion.Audit.Ledger;
using Ingestion.Contracts;

namespace Ingestion.UnitTests.Audit;

public sealed class AuditChainTests
{
    private static readonly AuditEntry Event = new()
    {
        EventId = new Guid("11111111-2222-5333-8444-555555555555"),
        OccurredAt = new DateTime(2026, 11, 29, 9, 0, 0, DateTimeKind.Utc).AddTicks(1234567),
        Actor = new AuditActor { WorkerId = "worker-1", Host = "host", ProcessId = 42 },
        Action = "REJECT",
        CorrelationId = new Guid("aaaaaaaa-bbbb-5ccc-8ddd-eeeeeeeeeeee"),
        PacketId = new Guid("99999999-8888-4777-8666-555555555555"),
        SiteId = "US-BOS-001",
        DocumentSha256 = new string('a', 64),
        FromState = "VALIDATING",
        ToState = "REJECTED",
        Outcome = "REJECTED",
        ErrorCode = "SCHEMA_DEPRECATED",
        Reason = "Version 1.4 is deprecated",
        SchemaVersion = "1.4",
        Attempt = 1,
    };

    private static readonly DateTime Recorded = new(2026, 11, 29, 9, 0, 1, DateTimeKind.Utc);

    [Test]
    public void The_canonical_json_has_a_fixed_property_order_and_microsecond_utc_times()
    {
        var json = Encoding.UTF8.GetString(AuditChain.CanonicalJson(7, new DateTime(2026, 11, 29, 9, 0, 1, DateTimeKind.Utc), Event));

        Assert.That(json, Does.StartWith("{\"seq\":7,\"event_id\":\"11111111-2222-5333-8444-555555555555\",\"occurred_at\":\"2026-11-29T09:00:00.123456Z\""));
        Assert.That(json, Does.EndWith("\"schema_version\":\"1.4\",\"attempt\":1,\"trace_id\":null}"));
    }

    [Test]
    public void Changing_any_field_or_the_previous_hash_changes_the_entry_hash()
    {
        var recorded = new DateTime(2026, 11, 29, 9, 0, 1, DateTimeKind.Utc);
        var original = AuditChain.EntryHash(AuditChain.Genesis, AuditChain.CanonicalJson(1, recorded, Event));

        var altered = AuditChain.EntryHash(AuditChain.Genesis, AuditChain.CanonicalJson(1, recorded, Event with { ErrorCode = null }));
        var moved = AuditChain.EntryHash(AuditChain.Genesis, AuditChain.CanonicalJson(2, recorded, Event));
        var relinked = AuditChain.EntryHash(original, AuditChain.CanonicalJson(1, recorded, Event));

        Assert.That(new[] { altered, moved, relinked }, Has.None.EqualTo(original));
        Assert.That(original, Is.EqualTo(AuditChain.EntryHash(AuditChain.Genesis, AuditChain.CanonicalJson(1, recorded, Event))));
    }

    [Test]
    public void Every_field_is_written_in_the_fixed_order_and_a_missing_value_as_null_not_left_out()
    {
        var json = AuditChain.CanonicalJson(7, Recorded, Event with { ErrorCode = null, Reason = "deprecated", TraceId = null });

        using var document = JsonDocument.Parse(json);
        Assert.That(
            document.RootElement.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[]
            {
                "seq", "event_id", "occurred_at", "recorded_at", "actor_worker_id", "actor_host", "actor_process_id", "action",
                "correlation_id", "packet_id", "site_id", "document_sha256", "from_state", "to_state", "outcome", "error_code",
                "reason", "schema_version", "attempt", "trace_id",
            }));
        Assert.That(document.RootElement.GetProperty("error_code").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(Encoding.UTF8.GetString(json), Does.Not.Contain(" ").And.Not.Contain("\n"), "no white space");
    }

    [Test]
    public void A_value_holding_quotes_cannot_forge_another_field()
    {
        var forged = Event with { Reason = "ok\",\"outcome\":\"ARCHIVED" };

        using var document = JsonDocument.Parse(AuditChain.CanonicalJson(1, Recorded, forged));

        Assert.That(document.RootElement.GetProperty("reason").GetString(), Is.EqualTo(forged.Reason));
        Assert.That(document.RootElement.GetProperty("outcome").GetString(), Is.EqualTo("REJECTED"));
        Assert.That(document.RootElement.EnumerateObject().Count(), Is.EqualTo(20));
    }

    [Test]
    public void Text_beyond_ascii_is_escaped_so_that_the_bytes_and_hashes_of_existing_entries_never_change()
    {
        // Changing the JSON encoder (say, to a relaxed one) would change the hash of every recorded entry with such text.
        var json = Encoding.UTF8.GetString(AuditChain.CanonicalJson(1, Recorded, Event with { SiteId = "DE-MÜN-001", Reason = "Prüfung <fehlt> & 'später'" }));

        Assert.That(json, Does.Contain("\"site_id\":\"DE-M\\u00DCN-001\""));
        Assert.That(json, Does.Contain("\"reason\":\"Pr\\u00FCfung \\u003Cfehlt\\u003E \\u0026 \\u0027sp\\u00E4ter\\u0027\""));
    }

    [Test]
    public void Times_of_any_kind_are_recorded_in_utc_cut_to_the_microsecond()
    {
        var unspecified = new DateTime(2026, 11, 29, 9, 0, 0, DateTimeKind.Unspecified).AddTicks(9);
        var local = new DateTime(2026, 11, 29, 9, 0, 0, DateTimeKind.Utc).AddTicks(19).ToLocalTime();

        Assert.That(AuditChain.Normalize(unspecified), Is.EqualTo(new DateTime(2026, 11, 29, 9, 0, 0, DateTimeKind.Utc)));
        Assert.That(AuditChain.Normalize(unspecified).Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(AuditChain.Normalize(local), Is.EqualTo(new DateTime(2026, 11, 29, 9, 0, 0, DateTimeKind.Utc).AddTicks(10)));
    }
}
