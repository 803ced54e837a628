using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Ingestion.Audit.Merkle;

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

    private static class Names
    {
        public static readonly JsonEncodedText Seq = JsonEncodedText.Encode("seq");
        public static readonly JsonEncodedText EventId = JsonEncodedText.Encode("event_id");
        public static readonly JsonEncodedText OccurredAt = JsonEncodedText.Encode("occurred_at");
        public static readonly JsonEncodedText RecordedAt = JsonEncodedText.Encode("recorded_at");
        public static readonly JsonEncodedText ActorWorkerId = JsonEncodedText.Encode("actor_worker_id");
        public static readonly JsonEncodedText ActorHost = JsonEncodedText.Encode("actor_host");
        public static readonly JsonEncodedText ActorProcessId = JsonEncodedText.Encode("actor_process_id");
        public static readonly JsonEncodedText Action = JsonEncodedText.Encode("action");
        public static readonly JsonEncodedText CorrelationId = JsonEncodedText.Encode("correlation_id");
        public static readonly JsonEncodedText PacketId = JsonEncodedText.Encode("packet_id");
        public static readonly JsonEncodedText SiteId = JsonEncodedText.Encode("site_id");
        public static readonly JsonEncodedText DocumentSha256 = JsonEncodedText.Encode("document_sha256");
        public static readonly JsonEncodedText FromState = JsonEncodedText.Encode("from_state");
        public static readonly JsonEncodedText ToState = JsonEncodedText.Encode("to_state");
        public static readonly JsonEncodedText Outcome = JsonEncodedText.Encode("outcome");
        public static readonly JsonEncodedText ErrorCode = JsonEncodedText.Encode("error_code");
        public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
        public static readonly JsonEncodedText SchemaVersion = JsonEncodedText.Encode("schema_version");
        public static readonly JsonEncodedText Attempt = JsonEncodedText.Encode("attempt");
        public static readonly JsonEncodedText TraceId = JsonEncodedText.Encode("trace_id");
    }

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    /// <summary>The entry's canonical JSON, as UTF-8 bytes.</summary>
    public static byte[] CanonicalJson(long seq, DateTime recordedAt, AuditEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var json = _writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false });
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteNumber(Names.Seq, seq);
        json.WriteString(Names.EventId, e.EventId);
        WriteTimestamp(json, Names.OccurredAt, e.OccurredAt);
        WriteTimestamp(json, Names.RecordedAt, recordedAt);
        json.WriteString(Names.ActorWorkerId, e.Actor.WorkerId);
        json.WriteString(Names.ActorHost, e.Actor.Host);
        json.WriteNumber(Names.ActorProcessId, e.Actor.ProcessId);
        json.WriteString(Names.Action, e.Action);
        json.WriteString(Names.CorrelationId, e.CorrelationId);
        json.WriteString(Names.PacketId, e.PacketId);
        json.WriteString(Names.SiteId, e.SiteId);
        json.WriteString(Names.DocumentSha256, e.DocumentSha256);
        json.WriteString(Names.FromState, e.FromState);
        json.WriteString(Names.ToState, e.ToState);
        json.WriteString(Names.Outcome, e.Outcome);
        json.WriteString(Names.ErrorCode, e.ErrorCode);
        json.WriteString(Names.Reason, e.Reason);
        json.WriteString(Names.SchemaVersion, e.SchemaVersion);
        json.WriteNumber(Names.Attempt, e.Attempt);
        json.WriteString(Names.TraceId, e.TraceId);
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

    // Utf8JsonWriter writes a Guid in the "D" format and these names exactly as the string overloads did, without
    // allocating a string per field: the canonical bytes are unchanged (AuditChainTests pins them).
    private static void WriteTimestamp(Utf8JsonWriter json, JsonEncodedText name, DateTime value)
    {
        Span<char> text = stackalloc char[32];
        Normalize(value).TryFormat(text, out var written, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        json.WriteString(name, text[..written]);
    }
}
