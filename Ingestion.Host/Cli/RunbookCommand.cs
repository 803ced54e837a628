using System.CommandLine;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Host.Qualification;
using Ingestion.Qualification.Runbook;

namespace Ingestion.Host.Cli;

/// <summary><c>ingest runbook --out DIR</c>: the validation protocol's four checkpoints, with a Markdown and JSON report.</summary>
internal static class RunbookCommand
{
    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Where runbook.md and runbook.json go.", Required = true };
        var dataset = new Option<DirectoryInfo?>("--dataset") { Description = "Replay this dataset instead of a small one written for the run." };
        var documents = new Option<int>("--documents") { Description = "Documents of the dataset the runbook writes (plus a 27-document drift packet).", DefaultValueFactory = _ => 36 };
        var seed = new Option<int>("--seed") { Description = "Seed of the datasets the runbook writes.", DefaultValueFactory = _ => 1572 };
        var workers = new Option<string>("--compare-workers") { Description = "Worker counts of the replay runs, e.g. 1,2.", DefaultValueFactory = _ => "1,2" };
        var backpressure = new Option<int>("--backpressure-documents") { Description = "Documents pushed through the throttled database.", DefaultValueFactory = _ => 60 };
        var timeout = new Option<int>("--timeout") { Description = "Seconds any one wait for documents to settle may take.", DefaultValueFactory = _ => 600 };
        var only = new Option<string[]>("--only")
        {
            Description = $"Run only these checkpoints ({string.Join(", ", RunbookOptions.CheckpointIds)}); the others are NOT RUN and the runbook does not pass.",
            AllowMultipleArgumentsPerToken = true,
        };
        var keep = new Option<bool>("--keep") { Description = "Keep the runs' schemas, virtual hosts and files." };
        var command = new Command(
            "runbook",
            "Run the validation protocol's checkpoints (deterministic replay, backpressure, schema drift, audit reconstruction) and write runbook.md and runbook.json; exit 0 only if all four pass.")
        {
            output, dataset, documents, seed, workers, backpressure, timeout, only, keep,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (RunbookArguments.Parse(result, output, dataset, documents, seed, workers, backpressure, timeout, only) is not { } options)
            {
                return ExitCodes.Usage;
            }

            var report = await RunbookRunner.RunAsync(ValidationWiring.Environment(result.GetValue(keep), Console.Out), options, cancellationToken);
            string markdown, json;
            try
            {
                (markdown, json) = RunbookReportWriter.Write(report, options.ReportDirectory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"Could not write the report to {options.ReportDirectory}: {e.Message}");
                return ExitCodes.Usage;
            }

            foreach (var checkpoint in report.Checkpoints)
            {
                Console.WriteLine($"{RunbookReportWriter.Label(checkpoint.Verdict),-8} {checkpoint.Title}: {checkpoint.Summary}");
            }

            Console.WriteLine($"Report: {markdown}, {json} ({report.Seconds:F0} s). Runbook {(report.Passed ? "PASSED" : "FAILED")}.");
            return report.Passed ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return command;
    }
}
