using System.CommandLine;
using Ingestion.Samples;
using Ingestion.Samples.Large;
using Ingestion.Samples.Pdf;

namespace Ingestion.Host.Cli;

/// <summary><c>ingest samples &lt;dir&gt;</c>: writes sample site packets, deterministically.</summary>
internal static class SamplesCommand
{
    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Generator seed; the same seed writes the same bytes.", DefaultValueFactory = _ => 1572 };
        var format = new Option<string>("--format") { Description = "pdf (default) or text.", DefaultValueFactory = _ => "pdf" };
        format.AcceptOnlyFromAmong("pdf", "text");
        var largeMb = new Option<int?>("--large-mb") { Description = "Instead: one packet holding a single born-digital PDF of this many MiB." };
        var folder = new Argument<DirectoryInfo>("dir") { Description = "Where to write one folder per site." };
        var command = new Command(
            "samples",
            "Write sample site activation packets: US with two scanned forms, DE with a deprecated and a revised form, JP with broken files.")
        {
            seed, format, largeMb, folder,
        };
        command.SetAction(result =>
        {
            var root = result.GetRequiredValue(folder).FullName;
            IReadOnlyList<string> written = result.GetValue(largeMb) is { } mb
                ? [LargePacketWriter.Write(Path.Combine(root, $"large-{mb}mb"), SamplePacketWriter.DemoSites[0], mb * 1024L * 1024L, result.GetValue(seed))]
                : result.GetValue(format) == "text"
                    ? SamplePacketWriter.WriteDemo(root, result.GetValue(seed))
                    : PdfPacketWriter.WriteDemo(root, result.GetValue(seed));
            foreach (var path in written)
            {
                Console.WriteLine(path);
            }

            return 0;
        });
        return command;
    }
}
