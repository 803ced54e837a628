namespace Ingestion.Persistence.Database;

/// <summary>Where the fleet keeps its state: bound from the <c>Ingestion:Database</c> section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Database";

    /// <summary>
    /// An Npgsql connection string for the fleet's own work. Give it a role that owns nothing: the migrator grants it
    /// what it needs, and on append-only tables (the audit ledger) no more than SELECT and INSERT.
    /// </summary>
    public string ConnectionString { get; set; } = "Host=127.0.0.1;Port=5433;Username=ingestion_fleet;Database=ingestion";

    /// <summary>
    /// An Npgsql connection string for the role that owns the schema: it runs the DDL and grants the fleet's role its
    /// privileges. Empty: the DDL runs as <see cref="ConnectionString"/>'s role and nothing is granted (one role for all).
    /// </summary>
    public string OwnerConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// An Npgsql connection string for the ledger appender's role, the only one that may add to the audit ledger, its
    /// checkpoints and stored Merkle tree (<see cref="LedgerWrittenTable"/>): what chains staged entries and signs
    /// checkpoints (audit workers, <c>ingest audit checkpoint</c> and <c>export</c>) uses it; other processes need none.
    /// Empty: the ledger is written as <see cref="ConnectionString"/>'s role, which the migrator then leaves able to.
    /// </summary>
    public string LedgerConnectionString { get; set; } = string.Empty;

    /// <summary>The PostgreSQL schema that holds every table; one schema per isolated deployment or test run.</summary>
    public string Schema { get; set; } = "ingestion";
}
