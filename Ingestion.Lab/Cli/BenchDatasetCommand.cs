using System.CommandLine;
using Ingestion.Lab.Dataset;

namespace Ingestion.Lab.Cli;

/// <summary><c>ingest bench dataset &lt;dir&gt; --documents N --sites M</c>: the benchmark's born-digital packets.</summary>
internal static class BenchDatasetCommand
{
    public static Command Create()
    {
        var documents = new Option<int>("--documents") { Description = "Documents in all.", DefaultValueFactory = _ => 1000 };
        var sites = new Option<int>("--sites") { Description = "Sites, one packet each; the documents are spread evenly.", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Generator seed; the same seed writes the same bytes.", DefaultValueFactory = _ => 7 };
        var folder = new Argument<DirectoryInfo>("dir") { Description = "Where to write one folder per site." };
        BenchCommands.AtLeast(sites, 1);
        BenchCommands.AtLeast(documents, 1);
        var command = new Command("dataset", "Write born-digital PDF packets (text layer, no OCR) for the benchmark; prints one folder per line.")
        {
            documents, sites, seed, folder,
        };
        command.SetAction(async result =>
        {
            if (result.GetValue(documents) < result.GetValue(sites))
            {
                await Console.Error.WriteLineAsync($"--documents ({result.GetValue(documents)}) must be at least --sites ({result.GetValue(sites)}).");
                return 2;
            }

            foreach (var path in BenchDataset.Write(result.GetRequiredValue(folder).FullName, result.GetValue(documents), result.GetValue(sites), result.GetValue(seed)))
            {
                Console.WriteLine(path);
            }

            return 0;
        });
        return command;
    }
}
