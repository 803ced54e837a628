using System.CommandLine;
using Ingestion.Samples;

namespace Ingestion.Host.Cli;

/// <summary><c>ingest samples &lt;dir&gt;</c>: writes the demo's site packets.</summary>
internal static class SamplesCommand
{
    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Generator seed; the same seed writes the same bytes.", DefaultValueFactory = _ => 1572 };
        var folder = new Argument<DirectoryInfo>("dir") { Description = "Where to write one folder per site." };
        var command = new Command("samples", "Write sample site activation packets (three sites, one deprecated form, one corrupted file).") { seed, folder };
        command.SetAction(result =>
        {
            foreach (var written in SamplePacketWriter.WriteDemo(result.GetRequiredValue(folder).FullName, result.GetValue(seed)))
            {
                Console.WriteLine(written);
            }

            return 0;
        });
        return command;
    }
}
