using System.CommandLine;
using Ingestion.Qualification.Runbook;
using Ingestion.Samples.Replay;

namespace Ingestion.Host.Cli;

/// <summary>Checks the runbook's options and says plainly what is wrong; null when they are unusable.</summary>
internal static class RunbookArguments
{
    public static RunbookOptions? Parse(
        ParseResult result,
        Option<DirectoryInfo> output,
        Option<DirectoryInfo?> dataset,
        Option<int> documents,
        Option<int> seed,
        Option<string> workers,
        Option<int> backpressure,
        Option<int> timeout,
        Option<string[]> only)
    {
        if (result.GetValue(documents) < ReplayDataset.Sites.Count)
        {
            return Fail($"--documents must be at least {ReplayDataset.Sites.Count} (one per site).");
        }

        if (result.GetValue(backpressure) < ReplayDataset.Sites.Count)
        {
            return Fail($"--backpressure-documents must be at least {ReplayDataset.Sites.Count}.");
        }

        if (result.GetValue(dataset) is { } folder && !folder.Exists)
        {
            return Fail($"Dataset folder {folder.FullName} does not exist.");
        }

        // Only the worker counts and the time-out are taken from here; the runbook makes as many runs as worker counts (at least 2).
        var replay = ReplayArguments.Parse(ReplayArguments.MaxWorkers, 1, result.GetValue(workers), result.GetValue(timeout));
        if (replay is null)
        {
            return null;
        }

        var selected = result.GetValue(only) is { Length: > 0 } names ? names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList() : [.. RunbookOptions.CheckpointIds];
        if (selected.FirstOrDefault(n => !RunbookOptions.CheckpointIds.Contains(n)) is { } unknown)
        {
            return Fail($"Unknown checkpoint '{unknown}'; the checkpoints are {string.Join(", ", RunbookOptions.CheckpointIds)}.");
        }

        return new RunbookOptions
        {
            ReportDirectory = result.GetRequiredValue(output).FullName,
            Dataset = result.GetValue(dataset)?.FullName,
            Documents = result.GetValue(documents),
            Seed = result.GetValue(seed),
            ReplayWorkers = replay.Workers,
            BackpressureDocuments = result.GetValue(backpressure),
            SettleTimeout = replay.RunTimeout,
            Selected = selected.ToHashSet(StringComparer.Ordinal),
        };
    }

    private static RunbookOptions? Fail(string message)
    {
        Console.Error.WriteLine(message);
        return null;
    }
}
