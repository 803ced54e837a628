namespace Ingestion.Consumers.Artifacts;

/// <summary>A field worth having from a free-form artifact.</summary>
/// <param name="Name">Its stable name, for example <c>expiry_date</c>.</param>
/// <param name="Kind">What its value looks like.</param>
/// <param name="Required">Whether a document without it waits for a reviewer.</param>
/// <param name="Labels">The words sites print before the value, on its line or on the line above.</param>
public sealed record ProfileField(string Name, FieldKind Kind, bool Required, IReadOnlyList<string> Labels);
