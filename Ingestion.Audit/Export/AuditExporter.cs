using System.Text;
using System.Text.Json;
using Ingestion.Audit.Checkpoints;
using Ingestion.Audit.Ledger;

namespace Ingestion.Audit.Export;

/// <summary>
/// Writes the ledger to a directory as append-only JSON Lines segments. A full segment is closed: made read-only and
/// listed in <c>segments.jsonl</c> with its SHA-256 chained to the previous one. The last, partial segment stays
/// open and the next export appends to it; a closed segment is never rewritten.
/// </summary>
public sealed class AuditExporter(AuditLedger ledger, CheckpointStore checkpoints, LedgerSigningKey key)
{
    /// <summary>Exports the entries not yet in <paramref name="directory"/>, up to a freshly signed checkpoint.</summary>
    /// <exception cref="ExportRefusedException">A closed segment no longer matches the manifest, or the open one the ledger.</exception>
    public async Task<ExportResult> ExportAsync(string directory, int segmentSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentSize, 1);
        Directory.CreateDirectory(directory);
        var manifest = CheckClosedSegments(directory);
        var openPath = Path.Combine(directory, ExportLayout.SegmentFile(manifest.Count + 1));
        var open = File.Exists(openPath) ? ExportLayout.ReadSegment(openPath).ToList() : [];
        var last = open.Count > 0 ? open[^1] : null;
        var exported = last?.Seq ?? (manifest.Count > 0 ? manifest[^1].LastSeq : 0);

        // The checkpoint is signed first and the export stops at its size, so the export always holds every entry it covers.
        var checkpoint = await checkpoints.CreateAsync(cancellationToken);
        if (checkpoint.TreeSize < exported)
        {
            throw new ExportRefusedException($"The export holds {exported} entries, more than the ledger's {checkpoint.TreeSize}.");
        }

        var appended = 0L;
        var closedNow = 0;
        var openCount = open.Count;
        var writer = new StreamWriter(openPath, append: true, new UTF8Encoding(false));
        try
        {
            await foreach (var entry in ledger.ReadAsync(cancellationToken: cancellationToken))
            {
                if (entry.Seq > checkpoint.TreeSize)
                {
                    break;
                }

                if (entry.Seq <= exported)
                {
                    if (last is not null && entry.Seq == last.Seq && Convert.ToHexStringLower(entry.EntryHash) != last.EntryHash)
                    {
                        throw new ExportRefusedException($"The open segment {Path.GetFileName(openPath)} ends at seq {last.Seq} with a hash the ledger does not have.");
                    }

                    continue;
                }

                await writer.WriteLineAsync(JsonSerializer.Serialize(Line(entry), ExportLayout.Json).AsMemory(), cancellationToken);
                appended++;
                openCount++;
                if (openCount >= segmentSize)
                {
                    await writer.DisposeAsync();
                    manifest.Add(Close(directory, openPath, manifest, entry.Seq - openCount + 1, entry.Seq));
                    closedNow++;
                    openCount = 0;
                    openPath = Path.Combine(directory, ExportLayout.SegmentFile(manifest.Count + 1));
                    writer = new StreamWriter(openPath, append: true, new UTF8Encoding(false));
                }
            }
        }
        finally
        {
            await writer.DisposeAsync();
        }

        // An empty open segment is no segment: the next run starts it again.
        if (openCount == 0 && File.Exists(openPath) && new FileInfo(openPath).Length == 0)
        {
            File.Delete(openPath);
        }

        var checkpointFile = ExportLayout.CheckpointFile(checkpoint.TreeSize);
        await File.WriteAllTextAsync(
            Path.Combine(directory, checkpointFile), JsonSerializer.Serialize(ReceiptCheckpoint.From(checkpoint), ExportLayout.IndentedJson), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, ExportLayout.PublicKeyFile), key.PublicKeyPem, cancellationToken);
        return new ExportResult(appended, checkpoint.TreeSize, manifest.Count, closedNow, checkpointFile);
    }

    private static List<SegmentRecord> CheckClosedSegments(string directory)
    {
        var manifest = ExportLayout.ReadManifest(directory);
        var previous = ExportLayout.GenesisSha256;
        foreach (var segment in manifest)
        {
            var path = Path.Combine(directory, segment.File);
            if (segment.PreviousSha256 != previous)
            {
                throw new ExportRefusedException($"segments.jsonl: {segment.File} does not chain to the segment before it.");
            }

            if (!File.Exists(path) || ExportLayout.FileSha256(path) != segment.Sha256)
            {
                throw new ExportRefusedException($"Closed segment {segment.File} no longer matches its SHA-256 in segments.jsonl.");
            }

            previous = segment.Sha256;
        }

        return manifest;
    }

    private static SegmentRecord Close(string directory, string path, List<SegmentRecord> manifest, long firstSeq, long lastSeq)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var record = new SegmentRecord
        {
            File = Path.GetFileName(path),
            FirstSeq = firstSeq,
            LastSeq = lastSeq,
            Sha256 = ExportLayout.FileSha256(path),
            PreviousSha256 = manifest.Count > 0 ? manifest[^1].Sha256 : ExportLayout.GenesisSha256,
        };

        // The segment is made read-only before the manifest names it: a crash in between leaves a read-only segment the
        // manifest does not list, which the next run cannot open for appending, so it stops instead of guessing.
        File.AppendAllText(Path.Combine(directory, ExportLayout.ManifestFile), JsonSerializer.Serialize(record, ExportLayout.Json) + "\n");
        return record;
    }

    private static ExportedEntry Line(LedgerEntry entry) => new()
    {
        Seq = entry.Seq,
        RecordedAt = Checkpoint.FormatTime(entry.RecordedAt),
        CanonicalJson = Encoding.UTF8.GetString(AuditChain.CanonicalJson(entry.Seq, entry.RecordedAt, entry.Event)),
        PreviousHash = Convert.ToHexStringLower(entry.PreviousHash),
        EntryHash = Convert.ToHexStringLower(entry.EntryHash),
    };
}
