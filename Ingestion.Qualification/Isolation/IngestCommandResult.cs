namespace Ingestion.Qualification.Isolation;

/// <summary>How an <c>ingest</c> command ended.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="StandardOutput">What it wrote to standard output.</param>
/// <param name="Errors">What it wrote to standard error.</param>
public sealed record IngestCommandResult(int ExitCode, string StandardOutput, string Errors)
{
    /// <summary>Its standard output, then its standard error: everything it said, for an assertion or a report.</summary>
    public string Output => StandardOutput + Errors;
}
