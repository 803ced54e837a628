namespace Ingestion.Reader.Protocol;

/// <summary>Why a document could not be read.</summary>
/// <param name="Code">One of <see cref="ReadFailureCodes"/>.</param>
/// <param name="Detail">A reason a reviewer can read.</param>
/// <param name="Feature">For <see cref="ReadFailureCodes.UnsupportedFeature"/> and <see cref="ReadFailureCodes.ResourceLimit"/>: what, for example <c>JBIG2Decode</c> or <c>decoded stream 64 MiB</c>.</param>
public sealed record ReadFailure(string Code, string Detail, string? Feature = null);
