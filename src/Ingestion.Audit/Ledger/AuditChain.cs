using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Ingestion.Audit.Merkle;
using Ingestion.Contracts;

namespace Ingestion.Audit.Ledger;

/// <summary>
/// The hash chain's rules: the canonical JSON of an entry (fixed property order, no white space, UTC times
/// with microseconds) and entry hash = SHA-256(previous entry hash ‖ canonical JSON). The verifier and any
/// independent tool recompute exactly this.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly byte[] Genesis = new byte[32];

    // Verifying a million entries is dominated by these two functions: one writer and buffer per thread, and one-shot
    // SHA-256 over a stack buffer, instead of a fresh writer, stream and hash object per entry.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    /// <summary>The entry's canonical JSON, as UTF-8 bytes.</summary>
    public static byte[] CanonicalJson(long seq, DateTime recordedAt, AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var json = _writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false });
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteNumber("seq", seq);
        json.WriteString("event_id", e.EventId.ToString("D"));
        json.WriteString("occurred_at", Timestamp(e.OccurredAt));
        json.WriteString("recorded_at", Timestamp(recordedAt));
        json.WriteString("actor_worker_id", e.Actor.WorkerId);
        json.WriteString("actor_host", e.Actor.Host);
        json.WriteNumber("actor_process_id", e.Actor.ProcessId);
        json.WriteString("action", e.Action);
        json.WriteString("correlation_id", e.CorrelationId.ToString("D"));
        json.WriteString("packet_id", e.PacketId.ToString("D"));
        json.WriteString("site_id", e.SiteId);
        json.WriteString("document_sha256", e.DocumentSha256);
        json.WriteString("from_state", e.FromState);
        json.WriteString("to_state", e.ToState);
        json.WriteString("outcome", e.Outcome);
        json.WriteString("error_code", e.ErrorCode);
        json.WriteString("reason", e.Reason);
        json.WriteString("schema_version", e.SchemaVersion);
        json.WriteNumber("attempt", e.Attempt);
        json.WriteString("trace_id", e.TraceId);
        json.WriteEndObject();
        json.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>SHA-256(previous hash ‖ canonical JSON).</summary>
    public static byte[] EntryHash(byte[] previousHash, byte[] canonicalJson)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(canonicalJson);
        return MerkleTree.PrefixedHash(previousHash, canonicalJson);
    }

    /// <summary>A UTC time cut to the microsecond, the precision PostgreSQL keeps.</summary>
    public static DateTime Normalize(DateTime value)
    {
        var utc = value.Kind switch
        {
            DateTimeKind.Utc => value,
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        };
        return new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
    }

    private static string Timestamp(DateTime value) =>
        Normalize(value).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
