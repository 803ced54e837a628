using Ingestion.Audit.Checkpoints;
using Ingestion.Audit.Ledger;
using Ingestion.Audit.Merkle;
using Ingestion.Hosting;
using Ingestion.Lab.Ledger;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Audit;

/// <summary>
/// Issue 16's stored Merkle tree: checkpoints store the complete subtrees their entries complete, receipts and
/// consistency proofs are built from them and verify offline as before, and a stored node that was altered is caught.
/// The ledgers are synthetic (<see cref="LedgerBenchmark.FillAsync"/>), five entries per document.
/// </summary>
[TestFixture]
public sealed class StoredMerkleTreeTests
{
    private string _folder = null!;

    private string KeyPath => Path.Combine(_folder, "keys", "ledger-signing.pem");

    private string PublicKeyPath => LedgerSigningKey.PublicKeyPath(KeyPath);

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("ingestion-stored-tree-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Receipts_proven_from_the_stored_tree_verify_offline_and_carry_the_proofs_the_whole_tree_gives()
    {
        await using var fleet = await StartAsync();
        var bench = ActivatorUtilities.CreateInstance<LedgerBenchmark>(fleet.Services);
        await bench.FillAsync(37);
        await fleet.Services.GetRequiredService<CheckpointStore>().CreateAsync();
        await bench.FillAsync(63);
        var ledger = await fleet.LedgerAsync();
        var leaves = ledger.Select(LeafHash).ToList();

        foreach (var (seq, checkpoint) in new[] { (20, 37), (90, 100) })
        {
            var document = ledger[seq - 1].Event.CorrelationId;
            var path = Path.Combine(_folder, $"receipt-{seq}.json");
            var prove = await fleet.RunIngestAsync("audit", "prove", document.ToString(), "--out", path);
            Assert.That(prove.ExitCode, Is.Zero, prove.Output);
            var verify = await fleet.RunIngestAsync("audit", "verify-receipt", path, "--key", PublicKeyPath);
            Assert.That(verify.Output, Does.Contain($"Receipt verifies: 5 entries, checkpoint size {checkpoint}"), verify.Output);

            var receipt = ReceiptJson.Read(await File.ReadAllTextAsync(path));
            foreach (var entry in receipt.Entries)
            {
                Assert.That(
                    entry.InclusionProof,
                    Is.EqualTo(MerkleTree.InclusionProof(leaves, entry.Seq - 1, checkpoint).Select(Convert.ToHexStringLower)),
                    $"the proof of seq {entry.Seq} is the one rebuilt from all {checkpoint} leaves");
            }
        }
    }

    [Test]
    public async Task Checkpoints_written_one_after_another_store_exactly_the_complete_subtrees_of_the_checkpointed_ledger()
    {
        await using var fleet = await StartAsync();
        var bench = ActivatorUtilities.CreateInstance<LedgerBenchmark>(fleet.Services);
        var checkpoints = fleet.Services.GetRequiredService<CheckpointStore>();
        var size = 0;
        foreach (var next in new[] { 5, 13, 64, 65, 100, 333 })
        {
            await bench.FillAsync(next - size);
            size = (int)(await checkpoints.CreateAsync()).TreeSize;
            Assert.That(size, Is.EqualTo(next));
            await AssertStoredTreeIsAsync(fleet, size);
        }

        await bench.FillAsync(11);
        await AssertStoredTreeIsAsync(fleet, 333);
    }

    [Test]
    public async Task A_ledger_checkpointed_before_the_tree_was_stored_gets_its_nodes_from_the_ledger_on_the_first_proof()
    {
        await using var fleet = await StartAsync();
        var bench = ActivatorUtilities.CreateInstance<LedgerBenchmark>(fleet.Services);
        var checkpoints = fleet.Services.GetRequiredService<CheckpointStore>();
        await bench.FillAsync(50);
        await checkpoints.CreateAsync();
        await using (var owner = await fleet.OpenSuperuserDatabaseAsync())
        {
            // What a ledger checkpointed by earlier releases looks like: checkpoints and their frontiers but no nodes, and
            // its oldest entries from before leaf hashes were stored beside them.
            await ExecuteAsync(owner, """
                TRUNCATE audit_merkle_nodes;
                ALTER TABLE audit_ledger DISABLE TRIGGER USER;
                UPDATE audit_ledger SET leaf_hash = NULL WHERE seq <= 40;
                ALTER TABLE audit_ledger ENABLE TRIGGER USER;
                """);
        }

        await bench.FillAsync(30);
        await checkpoints.CreateAsync();
        Assert.That((await StoredNodesAsync(fleet)).Keys.Min(n => n.EndLeaf), Is.GreaterThan(50), "the later checkpoint stored only what its entries completed");

        var document = (await fleet.LedgerAsync())[9].Event.CorrelationId;
        var receipt = await fleet.Services.GetRequiredService<AuditProver>().ProveAsync(document);

        Assert.That(ReceiptVerifier.Verify(ReceiptJson.Write(receipt!), await File.ReadAllTextAsync(PublicKeyPath)).Problem, Is.Null);
        await AssertStoredTreeIsAsync(fleet, 80);
    }

    [Test]
    public async Task An_altered_stored_node_is_caught_and_the_prover_refuses_rather_than_issue_a_proof_that_would_not_verify()
    {
        await using var fleet = await StartAsync();
        var bench = ActivatorUtilities.CreateInstance<LedgerBenchmark>(fleet.Services);
        var checkpoints = fleet.Services.GetRequiredService<CheckpointStore>();
        await bench.FillAsync(64);
        await checkpoints.CreateAsync();
        await bench.FillAsync(36);
        await checkpoints.CreateAsync();
        // Leaves 0-15's subtree is on the path of leaves 16-19 (seq 17-20); leaves 64-95's is on every path under 100 from
        // the first 64, and is the consistency proof from 64 to 100.
        await AlterNodeAsync(fleet, level: 4, index: 0);
        await AlterNodeAsync(fleet, level: 5, index: 2);
        var document = (await fleet.LedgerAsync())[19].Event.CorrelationId;
        var path = Path.Combine(_folder, "receipt.json");

        var prove = await fleet.RunIngestAsync("audit", "prove", document.ToString(), "--out", path);
        var consistency = await fleet.RunIngestAsync("audit", "consistency", "64", "100");

        Assert.That(prove.ExitCode, Is.EqualTo(1), prove.Output);
        Assert.That(prove.Output, Does.Contain("Proof REFUSED: The stored Merkle tree (audit_merkle_nodes) does not match the ledger under checkpoint 100"));
        Assert.That(prove.Output, Does.Contain("a stored node was altered"));
        Assert.That(File.Exists(path), Is.False, "no receipt was written");
        Assert.That(consistency.ExitCode, Is.EqualTo(1), consistency.Output);
        Assert.That(consistency.Output, Does.Contain("Proof REFUSED").And.Contain("a stored node was altered"));
        var verify = await fleet.RunIngestAsync("audit", "verify");
        Assert.That(verify.Output, Does.Contain("Audit chain intact: 100 entries"), "the ledger itself is untouched");
    }

    private Task<Fleet> StartAsync() =>
        Fleet.StartAsync(FleetRoles.None, overrides: new Dictionary<string, string?> { ["Ingestion:Audit:SigningKeyPath"] = KeyPath });

    private static byte[] LeafHash(LedgerEntry entry) => MerkleTree.LeafHash(AuditChain.CanonicalJson(entry.Seq, entry.RecordedAt, entry.Event));

    private static async Task AssertStoredTreeIsAsync(Fleet fleet, int size)
    {
        var leaves = (await fleet.LedgerAsync()).Select(LeafHash).ToList();
        var expected = new Dictionary<MerkleNode, string>();
        for (var level = MerkleNodeStore.LowestStoredLevel; 1 << level <= size; level++)
        {
            for (var index = 0; (index + 1) << level <= size; index++)
            {
                var subtree = leaves.GetRange(index << level, 1 << level);
                expected[new MerkleNode(level, index)] = Convert.ToHexStringLower(MerkleTree.Root(subtree, subtree.Count));
            }
        }

        Assert.That(await StoredNodesAsync(fleet), Is.EquivalentTo(expected), $"the complete subtrees of 16 entries and more of the first {size} entries");
    }

    private static async Task<Dictionary<MerkleNode, string>> StoredNodesAsync(Fleet fleet)
    {
        await using var connection = await fleet.OpenDatabaseAsync();
        await using var query = new NpgsqlCommand("SELECT level, node_index, hash FROM audit_merkle_nodes", connection);
        await using var reader = await query.ExecuteReaderAsync();
        var nodes = new Dictionary<MerkleNode, string>();
        while (await reader.ReadAsync())
        {
            nodes[new MerkleNode(reader.GetInt16(0), reader.GetInt64(1))] = Convert.ToHexStringLower((byte[])reader.GetValue(2));
        }

        return nodes;
    }

    private static async Task AlterNodeAsync(Fleet fleet, int level, long index)
    {
        await using var owner = await fleet.OpenSuperuserDatabaseAsync();
        await ExecuteAsync(owner, $"""
            ALTER TABLE audit_merkle_nodes DISABLE TRIGGER USER;
            UPDATE audit_merkle_nodes SET hash = sha256(hash) WHERE level = {level} AND node_index = {index};
            ALTER TABLE audit_merkle_nodes ENABLE TRIGGER USER;
            """);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
