using System.Security.Cryptography;
using System.Text.Json;
using Ingestion.Site.Submission;

namespace Ingestion.Samples.Pdf;

/// <summary>
/// Free-form artifacts as sites send them, without our template declaration: a CV, a medical licence (expired), a GCP
/// certificate and an IRB approval letter, born-digital, and a second GCP certificate printed and scanned (image only,
/// read by OCR). Their artifact types are declared as sites do: a TMF number, a number two classes share, or none.
/// </summary>
internal static class FreeFormDocuments
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the documents into the packet in <paramref name="folder"/> and adds them to its manifest.</summary>
    public static void AppendTo(string folder, SampleSite site, int seed)
    {
        var path = Path.Combine(folder, PacketManifest.FileName);
        var manifest = JsonSerializer.Deserialize<PacketManifest>(File.ReadAllText(path), Json)!;
        var documents = manifest.Documents.ToList();
        var name = site.Investigator.Replace("Dr. ", string.Empty, StringComparison.Ordinal);
        (string Stem, string? ArtifactType, string[] Lines, bool Scanned)[] samples =
        [
            ("cv", "05.02.04", Cv(site, name), false),
            ("medical-licence", "05.02.07", Licence(site, name), false),
            ("gcp-certificate", null, Gcp(name, "12 March 2025", "12 March 2028"), false),
            ("irb-approval-letter", "04.01.02", Irb(site), false),
            ("gcp-certificate-scanned", "05.02.07", Gcp("Michael Brennan", "3 February 2025", "3 February 2028"), true),
        ];
        for (var i = 0; i < samples.Length; i++)
        {
            var (stem, artifactType, lines, scanned) = samples[i];
            var n = documents.Count + 1;
            var info = new PdfInfo(stem, "Free-form site document", null, null, $"{site.SiteId}/{seed}/free-form/{i}");
            var bytes = TextPdf.Build([lines], info);
            if (scanned)
            {
                bytes = ScannedPdf.Build(bytes, info, new Random(seed + i));
            }

            var file = $"{n:D3}-{stem}.pdf";
            File.WriteAllBytes(Path.Combine(folder, file), bytes);
            var document = new ManifestDocument { DocumentId = $"{site.SiteId}-DOC-{n:D3}", File = file, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) };
            documents.Add(artifactType is null ? document : document with { ArtifactType = artifactType });
        }

        File.WriteAllText(path, JsonSerializer.Serialize(manifest with { Documents = documents }, Json));
    }

    private static string[] Cv(SampleSite site, string name) =>
    [
        "CURRICULUM VITAE", string.Empty, $"Name: {site.Investigator}", $"City: {site.City}", string.Empty,
        "Education", "MD, Harvard Medical School, 2004", "Residency in Internal Medicine, 2004-2007", string.Empty,
        "Professional Experience", "2010-present  Principal Investigator, clinical research unit", string.Empty,
        "Publications", $"{name} et al. Outcomes of site-based trials. J Clin Res. 2021;12:45-52.", string.Empty,
        $"Signature: {name}", "Date: 2026-01-10",
    ];

    private static string[] Licence(SampleSite site, string name) =>
    [
        "BOARD OF REGISTRATION IN MEDICINE", "Medical License", string.Empty, $"Licensee: {name}", "License Number: MD-204117",
        $"Jurisdiction: {site.City}", "Issued: 2023-07-01", "Expires: 2025-06-30",
    ];

    private static string[] Gcp(string name, string completed, string validUntil) =>
    [
        "CERTIFICATE OF COMPLETION", string.Empty, "This is to certify that", name, "has successfully completed",
        "Good Clinical Practice (ICH E6 R2) for Investigators", string.Empty, "Provider: TransCelerate BioPharma Inc.",
        $"Completion Date: {completed}", $"Valid Until: {validUntil}",
    ];

    private static string[] Irb(SampleSite site) =>
    [
        "INSTITUTIONAL REVIEW BOARD", "Notice of Approval", string.Empty, "IRB Name: Boston Research Ethics Board", "Protocol Number: ABC-123",
        $"Principal Investigator: {site.Investigator}", "Approval Date: 2026-01-05", "Approval Expires: 2027-01-04", "Review type: Full board",
    ];
}
