namespace Ingestion.Lab.Report;

/// <summary>What the benchmark script counted outside the database's tables during the measured run.</summary>
/// <param name="Workers">Worker processes in the fleet.</param>
/// <param name="MessagesPublished">Messages published into the run's virtual host (RabbitMQ management statistics).</param>
/// <param name="MessagesDelivered">Messages delivered to consumers in that virtual host.</param>
/// <param name="DocumentsCounted">The documents those message counts cover (every document ingested in the virtual host).</param>
/// <param name="TransactionsCommitted">The run database's <c>xact_commit</c> delta over the measured run.</param>
/// <param name="FloorMessagesPerSecond">The durable floor's figure (messages/s of a minimal consumer that opens the PDF and commits one transaction), if it ran.</param>
public sealed record PipelineCounts(
    int Workers, long MessagesPublished, long MessagesDelivered, int DocumentsCounted, long TransactionsCommitted, double? FloorMessagesPerSecond);
