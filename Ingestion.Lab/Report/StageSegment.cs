namespace Ingestion.Lab.Report;

/// <summary>One leg of a document's path between two timestamps, and what the stage's own work took of it.</summary>
/// <param name="Name">The leg, for example <c>validate</c>.</param>
/// <param name="Span">What the leg covers, for example <c>VALIDATING → PARSING</c>.</param>
/// <param name="Duration">The leg's durations over the documents.</param>
/// <param name="WorkMs">The mean time the stage's consumer reported for its own work (<c>ingestion.stage.duration</c>), if known.</param>
public sealed record StageSegment(string Name, string Span, Distribution Duration, double? WorkMs);
