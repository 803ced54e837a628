using System.CommandLine;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Host.Qualification;
using Ingestion.Qualification.Isolation;
using Ingestion.Qualification.Replay;

namespace Ingestion.Host.Cli;

/// <summary><c>ingest replay --dataset DIR [--runs N] [--workers N | --compare-workers 1,3]</c>: deterministic replay.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var dataset = new Option<DirectoryInfo>("--dataset") { Description = "The dataset folder (ingest samples --dataset).", Required = true };
        var runs = new Option<int>("--runs") { Description = "How many runs, each into a fresh namespace (at least 2).", DefaultValueFactory = _ => 3 };
        var workers = new Option<int>("--workers") { Description = "Worker processes per run.", DefaultValueFactory = _ => 2 };
        var compare = new Option<string?>("--compare-workers") { Description = "Worker counts cycled over the runs, e.g. 1,3 (instead of --workers)." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds one run may take to settle every document.", DefaultValueFactory = _ => 900 };
        var expect = new Option<FileInfo?>("--expect") { Description = "A committed SHA256SUMS the dataset must match (e.g. datasets/replay/SHA256SUMS)." };
        var keep = new Option<bool>("--keep") { Description = "Keep each run's schema, virtual host and content store." };
        var command = new Command(
            "replay",
            "Ingest a frozen dataset several times, each into its own schema and virtual host with real workers; compare the outcome digests; exit 0 only if all are identical.")
        {
            dataset, runs, workers, compare, timeout, expect, keep,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (ReplayArguments.Parse(result.GetValue(runs), result.GetValue(workers), result.GetValue(compare), result.GetValue(timeout)) is not { } options)
            {
                return ExitCodes.Usage;
            }

            try
            {
                var expected = result.GetValue(expect) is { } file ? await File.ReadAllTextAsync(file.FullName, cancellationToken) : null;
                var folder = ReplayDatasetFolder.Open(result.GetRequiredValue(dataset).FullName, expected);
                var report = await ReplayRunner.RunAsync(ValidationWiring.Environment(result.GetValue(keep), Console.Out), folder, options, cancellationToken);
                if (report.Identical)
                {
                    Console.WriteLine($"IDENTICAL: all {report.Runs.Count} runs give digest {report.Runs[0].Digest}");
                    return ExitCodes.Ok;
                }

                Console.WriteLine("DIFFERENT: the runs' digests differ; first differing documents:");
                foreach (var difference in report.Differences)
                {
                    Console.WriteLine($"  {difference}");
                }

                return ExitCodes.CheckFailed;
            }
            // A run that could not go on (a deadline, a dead letter, a worker that exited, a dataset that does not match) is a
            // result, on standard output too; a broker or database out of reach is the command runner's to report.
            catch (ValidationRunException e)
            {
                Console.WriteLine($"replay FAILED: {e.Message}");
                return e.TimedOut ? ExitCodes.TimedOut : ExitCodes.CheckFailed;
            }
        });
        return command;
    }
}
