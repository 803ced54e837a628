using System.Diagnostics;
using Ingestion.Qualification.Faults;
using Npgsql;

namespace Ingestion.Qualification.Runbook;

/// <summary>
/// What "the database at 10% of its capacity" means here, measured rather than assumed: round trips a second of
/// <c>SELECT 1</c> by several clients through a <see cref="ThrottledTcpProxy"/>, unthrottled and then with per-chunk
/// latency doubled until the rate is at most a tenth.
/// </summary>
internal static class DatabaseCapacity
{
    private const int Clients = 8;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1.5);

    /// <summary>The unthrottled rate, the latency that brings it to at most <paramref name="share"/> of that, and the rate then.</summary>
    public static async Task<(double Baseline, TimeSpan Latency, double Throttled)> CalibrateAsync(
        string connectionString, double share, CancellationToken cancellationToken)
    {
        var direct = new NpgsqlConnectionStringBuilder(connectionString);
        await using var proxy = ThrottledTcpProxy.Start(direct.Host ?? "127.0.0.1", direct.Port);
        var through = new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = proxy.Port, Pooling = false }.ConnectionString;
        var baseline = await RoundTripsPerSecondAsync(through, cancellationToken);
        var latency = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            proxy.Throttle = new ProxyThrottle(latency);
            var throttled = await RoundTripsPerSecondAsync(through, cancellationToken);
            if (throttled <= baseline * share || latency >= TimeSpan.FromSeconds(1))
            {
                return (baseline, latency, throttled);
            }

            latency *= 2;
        }
    }

    private static async Task<double> RoundTripsPerSecondAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connections = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < Clients; i++)
            {
                var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                connections.Add(connection);
            }

            var clock = Stopwatch.StartNew();
            var counts = await Task.WhenAll(connections.Select(c => LoopAsync(c, clock, cancellationToken)));
            return counts.Sum() / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<int> LoopAsync(NpgsqlConnection connection, Stopwatch clock, CancellationToken cancellationToken)
    {
        var count = 0;
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        while (clock.Elapsed < Window)
        {
            await command.ExecuteScalarAsync(cancellationToken);
            count++;
        }

        return count;
    }
}
