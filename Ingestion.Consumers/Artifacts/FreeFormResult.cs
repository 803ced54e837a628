using Ingestion.Contracts;

namespace Ingestion.Consumers.Artifacts;

/// <summary>What generic extraction made of a free-form document.</summary>
/// <param name="Classification">Its class and how sure.</param>
/// <param name="Fields">The class first (<c>artifact_class</c>), then the profile's fields found, in the profile's order.</param>
/// <param name="MissingFields">Required fields not found.</param>
/// <param name="LowConfidenceFields">Fields, the class included, found less surely than their threshold.</param>
/// <param name="Findings">Expired licences, certificates, approvals.</param>
/// <param name="ReviewCode">Set when the document must wait for a reviewer whatever its fields.</param>
/// <param name="ReviewReason">Why, in words.</param>
internal sealed record FreeFormResult(
    ArtifactClassification Classification,
    IReadOnlyList<ExtractedField> Fields,
    IReadOnlyList<string> MissingFields,
    IReadOnlyList<string> LowConfidenceFields,
    IReadOnlyList<DocumentFinding> Findings,
    string? ReviewCode,
    string? ReviewReason);
