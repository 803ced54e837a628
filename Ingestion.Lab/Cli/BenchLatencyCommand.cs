using System.CommandLine;
using System.Globalization;
using Ingestion.Hosting;
using Ingestion.Lab.Report;
using Ingestion.Persistence.Database;
using Ingestion.Site.Rules;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Lab.Cli;

/// <summary><c>ingest-lab bench latency --packets-file F</c>: latency percentiles of the documents of the packets listed in a file.</summary>
internal static class BenchLatencyCommand
{
    public static Command Create()
    {
        var file = new Option<FileInfo>("--packets-file") { Description = "Packet ids, one a line (what bench open-loop prints).", Required = true };
        var command = new Command("latency", "Print p50, p95 and p99 from submission to the final state, and to the ledger, of the listed packets' documents.")
        {
            file,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetRequiredValue(file);
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"--packets-file: {path.FullName} does not exist.");
                return 2;
            }

            var packets = new List<Guid>();
            foreach (var line in await File.ReadAllLinesAsync(path.FullName, cancellationToken))
            {
                if (line.Trim() is { Length: > 0 } text)
                {
                    if (!Guid.TryParse(text, out var packet))
                    {
                        await Console.Error.WriteLineAsync($"--packets-file: '{PrintableText.Escape(text, 60)}' is not a packet id.");
                        return 2;
                    }

                    packets.Add(packet);
                }
            }

            using var host = ClientHost.Build();
            var latency = await LatencyFigures.BuildAsync(host.Services.GetRequiredService<IngestionDatabase>(), packets, cancellationToken);
            Console.WriteLine(Invariant($"documents                {latency.Documents} ({latency.Final} final)"));
            Console.WriteLine(Invariant($"throughput               {latency.DocumentsPerSecond:F1} documents/s ({latency.Final} in {latency.WindowSeconds:F1} s, first submission to last final state)"));
            Console.WriteLine(Invariant($"latency to final state   p50 {latency.ToFinal.P50:F0} ms, p95 {latency.ToFinal.P95:F0} ms, p99 {latency.ToFinal.P99:F0} ms, max {latency.ToFinal.Max:F0} ms"));
            Console.WriteLine(Invariant($"latency to the ledger    p50 {latency.ToLedger.P50:F0} ms, p95 {latency.ToLedger.P95:F0} ms, p99 {latency.ToLedger.P99:F0} ms, max {latency.ToLedger.Max:F0} ms"));
            return latency.Final == latency.Documents && latency.Documents > 0 ? 0 : 1;
        });
        return command;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
