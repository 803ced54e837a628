using Ingestion.Persistence.Database;
using Microsoft.Extensions.Hosting;

namespace Ingestion.Hosting;

/// <summary>Brings the schema up to date before the bus starts taking messages.</summary>
internal sealed class SchemaMigrationService(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
