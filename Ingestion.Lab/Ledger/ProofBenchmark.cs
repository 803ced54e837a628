using System.Diagnostics;
using System.Globalization;
using Ingestion.Audit.Checkpoints;
using Ingestion.Persistence.Database;
using Npgsql;

namespace Ingestion.Lab.Ledger;

/// <summary>
/// Times what the ledger's history costs the present: a checkpoint, one document's receipt, a packet's receipts and a
/// consistency proof, on a scratch ledger of a given size, through the same prover and store the fleet uses. Each line
/// gives wall time and this process's CPU time; the database's own CPU is not counted.
/// </summary>
internal sealed class ProofBenchmark(LedgerBenchmark ledger, CheckpointStore checkpoints, AuditProver prover, IngestionDatabase database)
{
    /// <summary>Fills the ledger to <paramref name="entries"/>, then prints each figure <paramref name="repeat"/> times.</summary>
    public async Task RunAsync(long entries, int documents, int repeat, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var head = await HeadAsync(cancellationToken);
        if (head < entries)
        {
            var filled = await ledger.FillAsync(entries - head, cancellationToken);
            Write(output, $"filled {entries - head} entries to {entries}: {filled.TotalSeconds:F1} s");
        }

        var checkpoint = await TimeAsync(output, $"checkpoint at {Math.Max(head, entries)}", () => checkpoints.CreateAsync(cancellationToken));
        var size = checkpoint.TreeSize;
        var (tree, entriesBytes) = await TableSizesAsync(cancellationToken);
        Write(output, $"  (on disk: the ledger {entriesBytes / 1e6:F0} MB, the stored Merkle tree {tree / 1e6:F0} MB, with their indexes)");
        var middle = await DocumentsAtAsync([size / 2], cancellationToken);
        // The synthetic ledger writes a document's five entries together, so the last 5·D entries are D whole documents.
        var packet = await DocumentsAtAsync(Enumerable.Range(0, documents * 5).Select(i => size - i).Where(s => s >= 1).ToArray(), cancellationToken);
        var spread = await DocumentsAtAsync(Enumerable.Range(0, documents).Select(i => 1 + (i * size / documents)).ToArray(), cancellationToken);
        for (var run = 0; run < repeat; run++)
        {
            await ProveAsync(output, "receipt of 1 document in the middle", middle, cancellationToken);
            await ProveAsync(output, $"receipts of a {packet.Count}-document packet at the head", packet, cancellationToken);
            await ProveAsync(output, $"receipts of {spread.Count} documents spread over the ledger", spread, cancellationToken);
        }

        await ledger.FillAsync(1000, cancellationToken);
        var later = await TimeAsync(output, $"checkpoint at {size + 1000} (1000 entries later)", () => checkpoints.CreateAsync(cancellationToken));
        for (var run = 0; run < repeat; run++)
        {
            var check = await TimeAsync(output, $"consistency proof {size} -> {later.TreeSize}", async () => (await prover.ConsistencyAsync(size, later.TreeSize, cancellationToken))!);
            if (!check.Verifies)
            {
                throw new InvalidOperationException($"The consistency proof does not verify: {check.Problem}.");
            }
        }
    }

    private async Task ProveAsync(TextWriter output, string what, IReadOnlyList<Guid> documents, CancellationToken cancellationToken)
    {
        var receipts = await TimeAsync(output, what, () => prover.ProveAsync(documents, minimumTreeSize: 0, cancellationToken));
        Write(output, $"  ({receipts.Count} receipts, {receipts.Values.Sum(r => r.Entries.Count)} inclusion proofs, checkpoint {receipts.Values.First().Checkpoint.TreeSize})");
    }

    private static async Task<T> TimeAsync<T>(TextWriter output, string what, Func<Task<T>> action)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var result = await action();
        Write(output, $"{what}: {clock.Elapsed.TotalSeconds:F3} s wall, {(Environment.CpuUsage.TotalTime - cpu).TotalSeconds:F3} s CPU");
        return result;
    }

    private static void Write(TextWriter output, FormattableString line) => output.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    private async Task<long> HeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT coalesce(max(seq), 0) FROM audit_ledger", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<(long Tree, long Ledger)> TableSizesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(pg_total_relation_size(to_regclass('audit_merkle_nodes')), 0), pg_total_relation_size(to_regclass('audit_ledger'))", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<List<Guid>> DocumentsAtAsync(long[] seqs, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT DISTINCT correlation_id FROM audit_ledger WHERE seq = ANY(@seqs)", connection);
        command.Parameters.AddWithValue("seqs", seqs);
        var documents = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(reader.GetGuid(0));
        }

        return documents;
    }
}
