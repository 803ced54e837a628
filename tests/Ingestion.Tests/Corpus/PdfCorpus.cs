using System.Text.Json;

namespace Ingestion.Tests.Corpus;

/// <summary>The committed PDF corpus (<c>datasets/pdf-corpus</c>) and its table of expected outcomes.</summary>
internal sealed class PdfCorpus
{
    private PdfCorpus(string root, IReadOnlyList<CorpusFile> files) => (Root, Files) = (root, files);

    public string Root { get; }

    public IReadOnlyList<CorpusFile> Files { get; }

    /// <summary>Finds the corpus above the test's folder (the repository's <c>datasets/pdf-corpus</c>) and reads <c>expected.json</c>.</summary>
    public static PdfCorpus Load()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "datasets", "pdf-corpus", "expected.json")))
        {
            folder = folder.Parent;
        }

        var root = folder is null
            ? throw new InvalidOperationException("datasets/pdf-corpus/expected.json is not above " + AppContext.BaseDirectory)
            : Path.Combine(folder.FullName, "datasets", "pdf-corpus");
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "expected.json")));
        var files = expected.RootElement.GetProperty("files").EnumerateObject()
            .Select(f => new CorpusFile(
                f.Name,
                f.Value.GetProperty("category").GetString()!,
                f.Value.GetProperty("acceptable").EnumerateArray().Select(a => a.GetString()!).ToList(),
                f.Value.GetProperty("artifact_class").ValueKind == JsonValueKind.String ? f.Value.GetProperty("artifact_class").GetString() : null))
            .ToList();
        return new PdfCorpus(root, files);
    }
}

/// <summary>One corpus file and what a correct fleet may make of it.</summary>
/// <param name="Path">Relative to the corpus, for example <c>real/scan-ocr-ricoh.pdf</c>.</param>
/// <param name="Category">For example <c>scan-ocr</c>.</param>
/// <param name="Acceptable">Outcomes in the corpus's vocabulary: <c>INGESTED</c> (archived or in review) or a rejection code.</param>
/// <param name="ArtifactClass">The class it is, where the table names one.</param>
internal sealed record CorpusFile(string Path, string Category, IReadOnlyList<string> Acceptable, string? ArtifactClass);
