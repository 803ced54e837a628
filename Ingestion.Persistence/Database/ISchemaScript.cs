namespace Ingestion.Persistence.Database;

/// <summary>DDL that one component owns. Scripts must be idempotent: every worker applies them at start.</summary>
public interface ISchemaScript
{
    /// <summary>Scripts run in ascending order.</summary>
    int Order { get; }

    /// <summary>The SQL, run with <c>search_path</c> set to the configured schema.</summary>
    string Sql { get; }
}
