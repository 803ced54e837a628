using System.CommandLine;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Hosting;
using Ingestion.Persistence.Database;

namespace Ingestion.Host.Cli;

/// <summary>
/// <c>ingest migrate</c>: brings the configured schema to this build's version as the schema's owner
/// (<c>Ingestion:Database:OwnerConnectionString</c>) and grants the fleet's role its privileges. The one step that changes
/// the schema: workers and the other commands only check its version.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command(
            "migrate",
            "Create or update the database schema to this build's version as its owner, and grant the fleet's role its privileges; run before starting workers.");
        command.SetAction(async (_, cancellationToken) =>
        {
            using var host = ClientHost.Build();
            var migration = await host.Services.MigrateSchemaAsync(cancellationToken);
            Console.WriteLine(Describe(migration));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Describe(SchemaMigration m)
    {
        var was = m.FromVersion is { } version ? $"version {version}" : "no version";
        var what = m.ScriptsApplied == 0
            ? $"Schema '{m.Schema}' is at version {m.ToVersion} already, with this build's DDL: nothing applied"
            : $"Schema '{m.Schema}' migrated from {was} to version {m.ToVersion} as {m.MigratedAs}: {m.ScriptsApplied} components' scripts applied";
        var grants = m.GrantedTo is null
            ? "the fleet uses the owner's role, so nothing is granted"
            : m.LedgerRole is null
                ? $"{m.GrantedTo} granted its privileges"
                : $"{m.GrantedTo} granted its privileges, {m.LedgerRole} the ledger's";
        return $"{what}; {grants}.";
    }
}
