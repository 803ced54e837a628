namespace Ingestion.Consumers.Validation;

/// <summary>Reads what a stored document declares about itself; one implementation per file format.</summary>
public interface IDocumentFormat
{
    /// <summary>Reads the template declaration without holding the whole document in memory.</summary>
    /// <exception cref="UnreadableDocumentException">The document does not declare a template in a readable way.</exception>
    Task<DocumentDeclaration> ReadDeclarationAsync(Stream content, CancellationToken cancellationToken);
}
