using Ingestion.Consumers.Pdf;
using Ingestion.Contracts;

namespace Ingestion.Consumers.Validation;

/// <summary>
/// Picks the format by the file's first bytes, never by its name: an empty file is <c>EMPTY</c>, a PDF signature
/// goes to the PDF reader, a declaration line to the text reader, and anything else is <c>NOT_PDF</c>.
/// </summary>
internal sealed class DocumentFormatRouter(PdfDocumentFormat pdf) : IDocumentFormat
{
    private static readonly byte[] TextSignature = "Template:"u8.ToArray();

    public async Task<DocumentDeclaration> ReadDeclarationAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false);
        var head = new byte[16];
        var read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        file.Seek(0, SeekOrigin.Begin);
        if (read == 0)
        {
            throw new UnreadableDocumentException(ErrorCodes.Empty, "The document is empty (0 bytes).");
        }

        if (PdfFiles.HasPdfSignature(head.AsSpan(0, read)))
        {
            return await pdf.ReadDeclarationAsync(path, file, cancellationToken);
        }

        if (head.AsSpan(0, read).TrimStart("\uFEFF"u8).StartsWith(TextSignature))
        {
            return await TextDocumentFormat.ReadDeclarationAsync(file, cancellationToken);
        }

        throw new UnreadableDocumentException(ErrorCodes.NotPdf, "The file is not a PDF: it does not start with the %PDF- signature, whatever its name says.");
    }
}
