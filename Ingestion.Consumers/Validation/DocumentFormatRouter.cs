using Ingestion.Contracts;
using Ingestion.Reader.Reading;

namespace Ingestion.Consumers.Validation;

/// <summary>
/// Picks the format by the file's first bytes, never by its name: an empty file is <c>EMPTY</c>, a declaration line
/// goes to the text reader, a PDF header within the first 1024 bytes (where real readers look for it) to the PDF reader,
/// and anything else is <c>NOT_PDF</c>.
/// </summary>
internal sealed class DocumentFormatRouter(PdfDocumentFormat pdf) : IDocumentFormat
{
    private static readonly byte[] TextSignature = "Template:"u8.ToArray();

    public async Task<DocumentDeclaration> ReadDeclarationAsync(string path, CancellationToken cancellationToken)
    {
        var head = new byte[HeaderLocator.Window];
        int read;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 12, useAsync: false))
        {
            read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
            if (read == 0)
            {
                throw new UnreadableDocumentException(ErrorCodes.Empty, "The document is empty (0 bytes).");
            }

            if (!head.AsSpan(0, read).StartsWith("%PDF-"u8) && head.AsSpan(0, read).TrimStart("\uFEFF"u8).StartsWith(TextSignature))
            {
                file.Seek(0, SeekOrigin.Begin);
                return await TextDocumentFormat.ReadDeclarationAsync(file, cancellationToken);
            }
        }

        if (HeaderLocator.Find(head.AsSpan(0, read)) >= 0)
        {
            return await pdf.ReadDeclarationAsync(path, cancellationToken);
        }

        // The wording of the replay's recorded digests: true of every file refused here, which has no signature in its first 1024 bytes either.
        throw new UnreadableDocumentException(ErrorCodes.NotPdf, "The file is not a PDF: it does not start with the %PDF- signature, whatever its name says.");
    }
}
