using System.Diagnostics;
using System.Text.Json;

namespace Ingestion.Qualification.Runbook;

/// <summary>
/// Watches workers' log lines for a circuit breaker opening. The audit entry (<c>CIRCUIT_OPENED</c>) is the record,
/// but it reaches the ledger only through the database being throttled; the log says it as it happens.
/// </summary>
internal sealed class BreakerWatch
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TaskCompletionSource<(TimeSpan After, string Endpoint)> _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<(TimeSpan After, string Endpoint)> Opened => _opened.Task;

    public void Restart() => _clock.Restart();

    public void OnLine(string workerId, string line)
    {
        if (_opened.Task.IsCompleted || !line.Contains("Circuit breaker of", StringComparison.Ordinal) || !line.Contains("opened", StringComparison.Ordinal))
        {
            return;
        }

        var endpoint = "?";
        try
        {
            using var document = JsonDocument.Parse(line);
            endpoint = document.RootElement.TryGetProperty("Endpoint", out var e) ? e.GetString() ?? "?" : "?";
        }
        catch (JsonException)
        {
            // Not compact JSON: the line still says a breaker opened.
        }

        _opened.TrySetResult((_clock.Elapsed, $"{endpoint} ({workerId})"));
    }
}
