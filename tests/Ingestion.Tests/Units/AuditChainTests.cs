using System.Text;
using Ingestion.Audit.Ledger;
using Ingestion.Contracts;

namespace Ingestion.Tests.Units;

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
}
