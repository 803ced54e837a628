namespace Ingestion.Operations.Diagnostics;

/// <summary>A circuit breaker's last recorded transition.</summary>
/// <param name="Worker">The worker whose endpoint it guards.</param>
/// <param name="Endpoint">The endpoint (queue).</param>
/// <param name="State"><c>OPEN</c> or <c>CLOSED</c>.</param>
/// <param name="Since">When it got there (UTC).</param>
public sealed record BreakerReading(string Worker, string Endpoint, string State, DateTime Since);
