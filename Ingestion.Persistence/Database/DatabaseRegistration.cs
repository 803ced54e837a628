using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingestion.Persistence.Database;

/// <summary>Registers the fleet's database.</summary>
public static class DatabaseRegistration
{
    /// <summary>
    /// Adds <see cref="IngestionDatabase"/>, <see cref="SchemaCheck"/> and <see cref="SchemaMigrator"/>, bound from
    /// <c>Ingestion:Database</c>.
    /// </summary>
    public static IServiceCollection AddIngestionDatabase(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.AddSingleton(sp => new IngestionDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddSingleton<SchemaCheck>();
        services.AddSingleton<SchemaMigrator>();
        return services;
    }

    /// <summary>
    /// Migrates the configured schema as its owner: the one way to do it, for <c>ingest migrate</c> and for the set-up of
    /// tests, qualification runs and scratch schemas. Workers and commands never migrate.
    /// </summary>
    public static Task<SchemaMigration> MigrateSchemaAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
    }
}
