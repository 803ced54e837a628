namespace Ingestion.Contracts;

/// <summary>The codes of <see cref="DocumentFinding"/>: persisted and shown, a code's spelling never changes.</summary>
public static class FindingCodes
{
    /// <summary>
    /// A licence, certificate or approval expired before the document's receipt (the packet's submission time, never
    /// the time of reading, so that a replay finds the same).
    /// </summary>
    public const string Expired = "EXPIRED";
}
