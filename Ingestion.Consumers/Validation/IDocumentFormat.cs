namespace Ingestion.Consumers.Validation;

/// <summary>Reads what a stored document declares about itself; one implementation per file format.</summary>
public interface IDocumentFormat
{
    /// <summary>Reads the template declaration of the stored file at <paramref name="path"/> without loading the whole file.</summary>
    /// <exception cref="UnreadableDocumentException">The document does not declare a template in a readable way.</exception>
    Task<DocumentDeclaration> ReadDeclarationAsync(string path, CancellationToken cancellationToken);
}
