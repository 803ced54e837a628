namespace Ingestion.Persistence.Database;

/// <summary>What one run of <see cref="SchemaMigrator"/> did.</summary>
/// <param name="Schema">The schema migrated.</param>
/// <param name="FromVersion">Its version before, or null if it had none (new, or migrated before versions were recorded).</param>
/// <param name="ToVersion">Its version now: this build's.</param>
/// <param name="ScriptsApplied">How many components' scripts ran; 0 when the schema was already at this build's version and DDL.</param>
/// <param name="MigratedAs">The database role that ran the DDL.</param>
/// <param name="GrantedTo">The fleet's role, granted its privileges afresh; null when the fleet and the owner are one role.</param>
public sealed record SchemaMigration(string Schema, int? FromVersion, int ToVersion, int ScriptsApplied, string MigratedAs, string? GrantedTo)
{
    /// <summary>The ledger appender's role, granted the ledger's tables; null when the fleet's role writes the ledger itself.</summary>
    public string? LedgerRole { get; init; }
}
