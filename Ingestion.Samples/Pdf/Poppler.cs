using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Ingestion.Samples.Pdf;

/// <summary>Renders PDF pages to grayscale rasters with Poppler's <c>pdftoppm</c>, the printer half of a print-and-scan.</summary>
internal static class Poppler
{
    private const string Renderer = "pdftoppm";

    public static IReadOnlyList<GrayImage> RenderGray(byte[] pdf, int dpi)
    {
        var work = Path.Combine(Path.GetTempPath(), $"ingestion-scan-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var input = Path.Combine(work, "in.pdf");
            File.WriteAllBytes(input, pdf);
            Run(["-r", dpi.ToString(CultureInfo.InvariantCulture), "-gray", input, Path.Combine(work, "page")]);

            // pdftoppm pads page numbers to the page count's width (page-1.pgm or page-01.pgm), so ordinal order is page order.
            return Directory.GetFiles(work, "page-*.pgm")
                .Order(StringComparer.Ordinal)
                .Select(file => GrayImage.FromPgm(File.ReadAllBytes(file)))
                .ToList();
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Renderer) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{Renderer} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{Renderer} was not found; install poppler-utils (apt-get install poppler-utils) to write scanned samples.", e);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{Renderer} failed with exit code {process.ExitCode}: {error.Trim()}");
            }
        }
    }
}
