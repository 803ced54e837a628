namespace Ingestion.Messaging.Broker;

/// <summary>Reads each work queue's depth and acknowledgement rate from the RabbitMQ management API.</summary>
public sealed class QueueBacklogProbe(RabbitMqManagementClient management)
{
    /// <summary>The work queues (not error, skipped or wait queues) with their load.</summary>
    /// <exception cref="HttpRequestException">The management API cannot be reached.</exception>
    public async Task<IReadOnlyList<QueueLoad>> ReadAsync(CancellationToken cancellationToken) =>
        (await management.QueuesAsync(cancellationToken))
            .Where(q => !q.Name.EndsWith("_error", StringComparison.Ordinal) && !q.Name.EndsWith("_skipped", StringComparison.Ordinal)
                && !q.Name.Contains("_wait_", StringComparison.Ordinal))
            .Select(q => new QueueLoad(q.Name, q.MessagesReady, q.AcksPerSecond * 60))
            .ToList();

    /// <summary>The error queues (<c>*_error</c>) with the messages each holds, by name.</summary>
    /// <exception cref="HttpRequestException">The management API cannot be reached.</exception>
    public async Task<IReadOnlyList<(string Queue, long Messages)>> ErrorQueuesAsync(CancellationToken cancellationToken) =>
        (await management.QueuesAsync(cancellationToken))
            .Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal))
            .OrderBy(q => q.Name, StringComparer.Ordinal)
            .Select(q => (q.Name, q.Messages))
            .ToList();
}
