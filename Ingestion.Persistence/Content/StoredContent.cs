namespace Ingestion.Persistence.Content;

/// <summary>Content written to the store.</summary>
/// <param name="Reference">The reference to put in messages, <c>sha256:&lt;hex&gt;</c>.</param>
/// <param name="Sha256">The content's SHA-256, lower-case hex.</param>
/// <param name="SizeBytes">The content's length.</param>
public sealed record StoredContent(string Reference, string Sha256, long SizeBytes);
