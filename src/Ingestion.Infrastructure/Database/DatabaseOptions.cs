namespace Ingestion.Infrastructure.Database;

/// <summary>Where the fleet keeps its state: bound from the <c>Ingestion:Database</c> section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Database";

    /// <summary>An Npgsql connection string.</summary>
    public string ConnectionString { get; set; } = "Host=127.0.0.1;Port=5433;Username=postgres;Database=ingestion";

    /// <summary>The PostgreSQL schema that holds every table; one schema per isolated deployment or test run.</summary>
    public string Schema { get; set; } = "ingestion";
}
