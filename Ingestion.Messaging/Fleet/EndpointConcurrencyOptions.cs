namespace Ingestion.Messaging.Fleet;

/// <summary>
/// How many messages each endpoint of a worker works on at once, bound from <c>Ingestion:Concurrency</c> (one key per
/// queue name). Every message in flight holds a database connection for its outbox transaction, so the sum over a
/// worker's endpoints is that worker's share of the database's connections: a fleet of N workers needs about
/// N × the sum, and PostgreSQL's <c>max_connections</c> must allow it.
/// </summary>
public sealed class EndpointConcurrencyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Concurrency";

    private static readonly Dictionary<string, int> Defaults = new(StringComparer.Ordinal)
    {
        [FleetQueues.DocumentIngestion] = 16,
        [FleetQueues.ValidateDocument] = 4,
        // Field extraction may run OCR, which is CPU-bound: one document per core.
        [FleetQueues.ParseDocument] = Math.Max(2, Environment.ProcessorCount),
        [FleetQueues.ArchiveDocument] = 4,
        [FleetQueues.PacketIntake] = 4,
        [FleetQueues.PacketTracker] = 8,
        [FleetQueues.ManualReview] = 2,
    };

    /// <summary>Limits set in configuration, by queue name.</summary>
    public Dictionary<string, int> Limits { get; } = new(StringComparer.Ordinal);

    /// <summary>The limit of <paramref name="queue"/>, or null to leave the endpoint's own (the audit batch, for one).</summary>
    public int? LimitFor(string queue) =>
        Limits.TryGetValue(queue, out var configured) && configured > 0 ? configured
        : Defaults.TryGetValue(queue, out var standard) ? standard
        : null;
}
