namespace Ingestion.Consumers.Validation;

/// <summary>The template a document says it is on.</summary>
/// <param name="TemplateId">For example <c>FDA-1572</c>.</param>
/// <param name="Version">For example <c>2.1</c>.</param>
public sealed record DocumentDeclaration(string TemplateId, string Version);
