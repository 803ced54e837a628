using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingestion.Persistence.Database;

/// <summary>Registers the fleet's database.</summary>
public static class DatabaseRegistration
{
    /// <summary>Adds <see cref="IngestionDatabase"/> and <see cref="SchemaMigrator"/>, bound from <c>Ingestion:Database</c>.</summary>
    public static IServiceCollection AddIngestionDatabase(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.AddSingleton(sp => new IngestionDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddSingleton<SchemaMigrator>();
        return services;
    }
}
