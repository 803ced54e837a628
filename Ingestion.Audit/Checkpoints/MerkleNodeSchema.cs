using Ingestion.Persistence.Database;

namespace Ingestion.Audit.Checkpoints;

/// <summary>
/// The stored Merkle tree: node (level, node_index) is the hash of the complete subtree of leaves
/// [node_index·2^level, (node_index+1)·2^level), for every such subtree of the checkpointed ledger from level
/// <see cref="MerkleNodeStore.LowestStoredLevel"/> up (smaller ones are recomputed from the ledger's leaf hashes). A
/// checkpoint writes the nodes it completes in its own transaction, so proofs read O(log n) hashes instead of
/// recomputing the tree. Append-only like the ledger: a node never changes once its leaves exist. Not trusted by itself:
/// every proof built from it is checked against a signed root before it is given.
/// </summary>
internal sealed class MerkleNodeSchema : ISchemaScript
{
    // After the checkpoints (31), whose trees the nodes store.
    public int Order => 32;

    public string Sql => """
        CREATE TABLE IF NOT EXISTS audit_merkle_nodes (
            level smallint NOT NULL CHECK (level BETWEEN 1 AND 62),
            node_index bigint NOT NULL CHECK (node_index >= 0),
            hash bytea NOT NULL CHECK (octet_length(hash) = 32),
            PRIMARY KEY (level, node_index)
        );
        """ + "\n" + AppendOnlyTable.Sql("audit_merkle_nodes");
}
