using System.CommandLine;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Samples;
using Ingestion.Samples.Large;
using Ingestion.Samples.Pdf;
using Ingestion.Samples.Replay;

namespace Ingestion.Host.Cli;

/// <summary><c>ingest samples &lt;dir&gt;</c> or <c>ingest samples --dataset &lt;dir&gt;</c>: writes sample site packets, deterministically.</summary>
internal static class SamplesCommand
{
    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Generator seed; the same seed writes the same bytes.", DefaultValueFactory = _ => 1572 };
        var format = new Option<string>("--format") { Description = "pdf (default) or text.", DefaultValueFactory = _ => "pdf" };
        format.AcceptOnlyFromAmong("pdf", "text");
        var largeMb = new Option<int?>("--large-mb") { Description = "Instead: one packet holding a single born-digital PDF of this many MiB." };
        var dataset = new Option<DirectoryInfo?>("--dataset") { Description = "Instead: the replay dataset (six sites) in this folder, with its SHA256SUMS." };
        var documents = new Option<int>("--documents")
        {
            Description = "With --dataset: how many documents.",
            DefaultValueFactory = _ => ReplayDataset.DefaultDocuments,
        };
        var hostile = new Option<bool>("--hostile")
        {
            Description = "Instead: one packet of the files real readers read past and of hostile ones (SECURITY-REVIEW H6, M4), and a normal form.",
        };
        var folder = new Argument<DirectoryInfo?>("dir") { Description = "Where to write one folder per site.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command(
            "samples",
            "Write sample site activation packets: US with two scanned forms, DE with a deprecated and a revised form, JP with broken files; or, with --dataset, the replay dataset.")
        {
            seed, format, largeMb, dataset, documents, hostile, folder,
        };
        command.SetAction(result =>
        {
            if (result.GetValue(dataset) is { } datasetFolder)
            {
                return WriteDataset(datasetFolder.FullName, result.GetValue(seed), result.GetValue(documents));
            }

            if (result.GetValue(folder) is not { } target)
            {
                Console.Error.WriteLine("Name a folder: ingest samples <dir>, or ingest samples --dataset <dir>.");
                return ExitCodes.Usage;
            }

            var root = target.FullName;
            IReadOnlyList<string> written = result.GetValue(hostile)
                ? [PdfPacketWriter.WritePacket(Path.Combine(root, "hostile"), SamplePacketWriter.DemoSites[1], HostileVariants, result.GetValue(seed))]
                : result.GetValue(largeMb) is { } mb
                ? [LargePacketWriter.Write(Path.Combine(root, $"large-{mb}mb"), SamplePacketWriter.DemoSites[0], mb * 1024L * 1024L, result.GetValue(seed))]
                : result.GetValue(format) == "text"
                    ? SamplePacketWriter.WriteDemo(root, result.GetValue(seed))
                    : PdfPacketWriter.WriteDemo(root, result.GetValue(seed));
            foreach (var path in written)
            {
                Console.WriteLine(path);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static readonly PdfVariant[] HostileVariants =
    [
        PdfVariant.JunkAroundHeader, PdfVariant.OwnerPasswordOnly, PdfVariant.BrokenCrossReference, PdfVariant.Type4Recursion,
        PdfVariant.FlateBomb, PdfVariant.GigapixelPage, PdfVariant.UnsupportedFilter, PdfVariant.RecursiveFormFields, PdfVariant.BornDigital,
    ];

    private static int WriteDataset(string root, int seed, int documents)
    {
        if (documents < ReplayDataset.Sites.Count)
        {
            Console.Error.WriteLine($"--documents must be at least {ReplayDataset.Sites.Count} (one per site).");
            return ExitCodes.Usage;
        }

        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            // A dataset is frozen: writing over an older one could leave files the checksums then list as its own.
            Console.Error.WriteLine($"{root} is not empty; a dataset is written to an empty or new folder.");
            return ExitCodes.Usage;
        }

        ReplayDataset.Write(root, seed, documents);
        var checksums = File.ReadAllText(Path.Combine(root, DatasetChecksums.FileName));
        Console.WriteLine(
            $"Wrote {documents} documents of {ReplayDataset.Sites.Count} sites to {root} (seed {seed}); dataset SHA-256 {DatasetChecksums.Identity(checksums)} ({DatasetChecksums.FileName})");
        return ExitCodes.Ok;
    }
}
