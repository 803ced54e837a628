namespace Ingestion.Site.Rules;

/// <summary>Why a submission, an upload or a packet message was refused: a stable code and a readable reason.</summary>
/// <param name="Code">One of <see cref="RefusalCodes"/>.</param>
/// <param name="Reason">What was wrong, with any site-supplied text escaped (<see cref="PrintableText.Escape"/>).</param>
public sealed record SubmissionRefusal(string Code, string Reason);
