using System.Text;
using Ingestion.Contracts;

namespace Ingestion.Consumers.Validation;

/// <summary>
/// Plain-text documents whose first line declares the template, for example
/// <c>Template: FDA-1572; Version: 2.1</c>, followed by <c>Label: value</c> lines.
/// </summary>
internal static class TextDocumentFormat
{
    // The declaration must be on the first line; reading more than this before a line break means it is not there.
    private const int MaxHeaderBytes = 1024;

    public static async Task<DocumentDeclaration> ReadDeclarationAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var buffer = new byte[MaxHeaderBytes];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
            if (Array.IndexOf(buffer, (byte)'\n', 0, filled) >= 0)
            {
                break;
            }
        }

        if (filled == 0)
        {
            throw new UnreadableDocumentException(ErrorCodes.Empty, "The document is empty (0 bytes).");
        }

        var end = Array.IndexOf(buffer, (byte)'\n', 0, filled);
        var header = DecodeOrThrow(buffer.AsSpan(0, end < 0 ? filled : end)).TrimEnd('\r');
        return DeclarationHeader.Parse(header, DocumentDeclaration.Header)
            ?? throw new UnreadableDocumentException(
                ErrorCodes.Malformed, "The first line does not declare a template ('Template: <id>; Version: <major.minor>').");
    }

    private static string DecodeOrThrow(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new UnreadableDocumentException(ErrorCodes.Malformed, "The first line is not UTF-8 text.");
        }
    }
}
