using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Hosting;
using Ingestion.Operations.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Host.Cli;

/// <summary><c>ingest diagnose [--json]</c>: the validation protocol's checkpoints with their thresholds; exit 1 on a breach.</summary>
internal static class DiagnoseCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Machine-readable output." };
        var minBacklog = new Option<int>("--min-backlog") { Description = "Queues with fewer waiting messages are not judged.", DefaultValueFactory = _ => 100 };
        var windowMinutes = new Option<int>("--window-minutes") { Description = "Window of the rejection rate.", DefaultValueFactory = _ => 60 };
        var stuckMinutes = new Option<int>("--stuck-minutes") { Description = "A document unmoved this long is stuck.", DefaultValueFactory = _ => 10 };
        var command = new Command(
            "diagnose",
            "Queue depth to throughput (> 1.5), rejection rate by code and site (> 5%), audit coverage from receipt to final state (< 100%), stuck documents; exit 1 on a breach.")
        {
            json, minBacklog, windowMinutes, stuckMinutes,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var thresholds = new DiagnosisThresholds
            {
                BacklogMinMessages = result.GetValue(minBacklog),
                Window = TimeSpan.FromMinutes(result.GetValue(windowMinutes)),
                StuckAfter = TimeSpan.FromMinutes(result.GetValue(stuckMinutes)),
            };
            using var host = await ClientHost.BuildCheckedAsync(cancellationToken);
            var diagnosis = await host.Services.GetRequiredService<FleetDiagnostics>().DiagnoseAsync(thresholds, cancellationToken);
            var breached = diagnosis.Breached(thresholds);
            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { breached, thresholds, diagnosis, diagnosis.RejectionRatePercent, diagnosis.CoveragePercent }, Json));
            }
            else
            {
                Print(diagnosis, thresholds);
            }

            return breached ? ExitCodes.CheckFailed : ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(Diagnosis d, DiagnosisThresholds t)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine($"1. Queue depth to throughput (breach above {t.BacklogRatio.ToString(c)} with at least {t.BacklogMinMessages} waiting):");
        if (d.Queues is null)
        {
            Console.WriteLine("   unknown: the broker's management API could not be read");
        }
        else
        {
            foreach (var q in d.Queues)
            {
                var ratio = double.IsPositiveInfinity(q.Ratio) ? "∞" : q.Ratio.ToString("F2", c);
                Console.WriteLine($"   {(d.BackloggedQueues.Contains(q.Queue) ? "BREACH" : "ok    ")} {q.Queue,-22} {q.Ready,8} waiting  {q.AcksPerMinute.ToString("F1", c),8}/min  ratio {ratio}");
            }
        }

        var rate = d.RejectionRatePercent.ToString("F1", c);
        Console.WriteLine($"2. Rejections in the last {t.Window.TotalMinutes.ToString(c)} min (breach above {t.RejectionRatePercent.ToString(c)}%): {d.Rejected} of {d.Finalized} = {rate}% {(d.RejectionRatePercent > t.RejectionRatePercent ? "BREACH" : "ok")}");
        foreach (var g in d.Rejections)
        {
            Console.WriteLine($"   {g.ErrorCode,-18} {g.SiteId,-12} {g.Count,6}");
        }

        Console.WriteLine($"3. Audit coverage, receipt to final state (breach under 100%): {d.Covered} of {d.FinalDocuments} = {d.CoveragePercent.ToString("F1", c)}% {(d.Covered < d.FinalDocuments ? "BREACH" : "ok")}");
        Console.WriteLine($"4. Documents stuck longer than {t.StuckAfter.TotalMinutes.ToString(c)} min (manual review excepted): {d.Stuck.Count} {(d.Stuck.Count > 0 ? "BREACH" : "ok")}");
        foreach (var s in d.Stuck)
        {
            Console.WriteLine($"   {s.CorrelationId}  {s.SiteId,-12} {s.State,-12} since {s.Since:u}");
        }
    }
}
