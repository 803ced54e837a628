using System.CommandLine;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Hosting;
using Ingestion.Messaging.Fleet;
using Ingestion.Persistence.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ingestion.Host.Cli;

/// <summary>
/// <c>ingest worker [--roles saga,validate,parse,archive,audit]</c>: one process of the fleet. It never migrates: on a
/// schema that is missing or older than this build's it exits at once with <see cref="ExitCodes.SchemaNotMigrated"/>.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var roles = new Option<string>("--roles")
        {
            Description = "Comma-separated roles to run: saga, validate, parse, archive, audit (default: all).",
        };
        var workerId = new Option<string>("--worker-id") { Description = "The id this worker records in the audit trail." };
        var command = new Command("worker", "Run a fleet worker until stopped (Ctrl+C or SIGTERM).") { roles, workerId };
        command.SetAction(async (result, cancellationToken) =>
        {
            FleetRoles selected;
            try
            {
                selected = FleetRolesParser.Parse(result.GetValue(roles));
            }
            catch (FormatException exception)
            {
                await Console.Error.WriteLineAsync(exception.Message);
                return ExitCodes.Usage;
            }

            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
            builder.AddIngestion(selected);
            if (result.GetValue(workerId) is { Length: > 0 } id)
            {
                // Added last so that it wins over appsettings.json and the environment.
                builder.Configuration.AddInMemoryCollection([new("Ingestion:Worker:WorkerId", id)]);
            }

            using var host = builder.Build();
            // Before the host starts, so that a schema not migrated ends the worker with one line (exit 7), not a log of
            // a failed start; the host's own check covers workers hosted elsewhere.
            await host.Services.GetRequiredService<SchemaCheck>().EnsureCurrentAsync(cancellationToken);
            await host.StartAsync(cancellationToken);
            Console.WriteLine(WorkerStartedLine.For(host.Services.GetRequiredService<WorkerIdentity>().Actor.WorkerId, selected.ToString()));
            await host.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }
}
