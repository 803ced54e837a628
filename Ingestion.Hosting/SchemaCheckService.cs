using Ingestion.Persistence.Database;
using Microsoft.Extensions.Hosting;

namespace Ingestion.Hosting;

/// <summary>
/// A worker takes no message unless its schema is at this build's version: it fails at start instead, saying to run
/// <c>ingest migrate</c>. Workers never migrate; they need no more than the fleet's role.
/// </summary>
internal sealed class SchemaCheckService(SchemaCheck check) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => check.EnsureCurrentAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
