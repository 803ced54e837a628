namespace Ingestion.Consumers.Artifacts;

/// <summary>What becomes of a templated artifact that declares no template: <c>TEMPLATE_UNDECLARED</c>, then this.</summary>
public enum UndeclaredTemplate
{
    /// <summary>A reviewer keys the fields in from the page, or rejects it.</summary>
    Review,

    /// <summary>Rejected: the site must send the form with its declaration.</summary>
    Reject,
}
