using System.CommandLine;
using Ingestion.Hosting;
using Ingestion.Lab.Report;
using Ingestion.Persistence.Database;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Lab.Cli;

/// <summary><c>ingest bench report --packet ID …</c>: a finished run's figures, from the configured schema and the script's counts.</summary>
internal static class BenchReportCommand
{
    public static Command Create()
    {
        var packets = new Option<Guid[]>("--packet") { Description = "A benchmarked packet; repeat for each.", Required = true, AllowMultipleArgumentsPerToken = true };
        var workers = new Option<int>("--workers") { Description = "Worker processes in the fleet.", Required = true };
        var published = new Option<long>("--published") { Description = "Messages published in the run's virtual host.", Required = true };
        var delivered = new Option<long>("--delivered") { Description = "Messages delivered to consumers in that virtual host.", Required = true };
        var counted = new Option<int>("--documents-counted") { Description = "The documents those message counts cover.", Required = true };
        var commits = new Option<long>("--commits") { Description = "The database's xact_commit delta over the run.", Required = true };
        var floor = new Option<double?>("--floor-messages-per-second") { Description = "The durable floor's figure, for the efficiency ratio." };
        var metrics = new Option<FileInfo[]>("--metrics") { Description = "Prometheus scrapes of the workers, for the stages' own work.", AllowMultipleArgumentsPerToken = true };
        BenchCommands.AtLeast(workers, 1);
        BenchCommands.AtLeast(counted, 1);
        var command = new Command("report", "Print a benchmark run's throughput, latency, messages and transactions per document, and where the time goes.")
        {
            packets, workers, published, delivered, counted, commits, floor, metrics,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var scrapes = new List<string>();
            foreach (var file in result.GetValue(metrics) ?? [])
            {
                if (!file.Exists)
                {
                    await Console.Error.WriteLineAsync($"Metrics file {file.FullName} does not exist.");
                    return 2;
                }

                scrapes.Add(await File.ReadAllTextAsync(file.FullName, cancellationToken));
            }

            var counts = new PipelineCounts(
                result.GetValue(workers), result.GetValue(published), result.GetValue(delivered), result.GetValue(counted),
                result.GetValue(commits), result.GetValue(floor));
            using var host = ClientHost.Build();
            try
            {
                var figures = await PipelineReport.BuildAsync(
                    host.Services.GetRequiredService<IngestionDatabase>(), result.GetRequiredValue(packets), scrapes, counts, cancellationToken);
                PipelineSummary.Write(Console.Out, figures);
                return 0;
            }
            catch (InvalidOperationException exception)
            {
                await Console.Error.WriteLineAsync(exception.Message);
                return 1;
            }
        });
        return command;
    }
}
