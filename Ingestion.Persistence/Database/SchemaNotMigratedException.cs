namespace Ingestion.Persistence.Database;

/// <summary>
/// The configured schema is missing, or at another version than this build needs; its message says what to run.
/// Expected at the edge (a command or a worker started before <c>ingest migrate</c>), not a fault of the fleet.
/// </summary>
public sealed class SchemaNotMigratedException : Exception
{
    /// <summary>Creates the exception with its one-line explanation.</summary>
    public SchemaNotMigratedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line explanation and cause.</summary>
    public SchemaNotMigratedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic explanation.</summary>
    public SchemaNotMigratedException()
        : base("The database schema is not migrated: run `ingest migrate`.")
    {
    }
}
