namespace Ingestion.Qualification.Isolation;

/// <summary>How an <c>ingest</c> command ended.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Output">Its standard output, then its standard error.</param>
public sealed record IngestCommandResult(int ExitCode, string Output);
