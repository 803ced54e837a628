namespace Ingestion.Persistence.Database;

/// <summary>
/// A table that only the ledger appender's role writes (<see cref="DatabaseOptions.LedgerConnectionString"/>): when that
/// role is configured, the migrator grants the fleet's role <see cref="FleetPrivileges"/> on it and the appender's role
/// <see cref="AppenderPrivileges"/>, instead of the fleet's usual privileges. Registered by the component that owns the table.
/// </summary>
/// <param name="Name">The table, in the configured schema.</param>
/// <param name="FleetPrivileges">What the fleet's role may do, as a GRANT lists it (e.g. <c>SELECT</c>).</param>
/// <param name="AppenderPrivileges">What the appender's role may do (e.g. <c>SELECT, INSERT</c>).</param>
public sealed record LedgerWrittenTable(string Name, string FleetPrivileges, string AppenderPrivileges);
