using Ingestion.Contracts;
using MassTransit;

namespace Ingestion.Messaging.Fleet;

/// <summary>
/// The fleet's work queues. Commands and the saga's events are sent to these queues rather than published
/// to every subscriber: each goes to its queue's own exchange, which every process binds to the durable queue when it
/// starts (<see cref="Broker.FleetQueueDeclaration"/>), so a message is kept even when the role that takes it has never
/// started. A publish with no queue bound is dropped by RabbitMQ, which this system must never allow.
/// </summary>
public static class FleetQueues
{
    /// <summary>Submitted packets.</summary>
    public const string PacketIntake = "packet-intake";

    /// <summary>The document saga.</summary>
    public const string DocumentIngestion = "document-ingestion";

    /// <summary>Packet completion tracking.</summary>
    public const string PacketTracker = "packet-tracker";

    /// <summary>The validation gate.</summary>
    public const string ValidateDocument = "validate-document";

    /// <summary>Field extraction.</summary>
    public const string ParseDocument = "parse-document";

    /// <summary>Archival.</summary>
    public const string ArchiveDocument = "archive-document";

    /// <summary>Documents waiting for a reviewer.</summary>
    public const string ManualReview = "manual-review";

    /// <summary>Receipts written for a site when its packet completes.</summary>
    public const string PacketReceipts = "packet-receipts";

    /// <summary>Every work queue of the fleet.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        PacketIntake, DocumentIngestion, PacketTracker, ValidateDocument, ParseDocument, ArchiveDocument, ManualReview, PacketReceipts,
    ];

    private static int _mapped;

    /// <summary>Maps each command and event to its queue, once per process.</summary>
    public static void MapSendConventions()
    {
        if (Interlocked.Exchange(ref _mapped, 1) == 1)
        {
            return;
        }

        EndpointConvention.Map<PacketSubmitted>(Address(PacketIntake));
        EndpointConvention.Map<ValidateDocument>(Address(ValidateDocument));
        EndpointConvention.Map<ParseDocument>(Address(ParseDocument));
        EndpointConvention.Map<ArchiveDocument>(Address(ArchiveDocument));
        EndpointConvention.Map<RequestManualReview>(Address(ManualReview));
        EndpointConvention.Map<ApplyReviewDecision>(Address(DocumentIngestion));
        EndpointConvention.Map<ResumeDocument>(Address(DocumentIngestion));

        // The saga's and the tracker's events go to their queues too: a worker starting on a queue of waiting packets
        // would otherwise publish them before the saga's endpoint had bound its exchange, and RabbitMQ would drop them.
        EndpointConvention.Map<DocumentSubmitted>(Address(DocumentIngestion));
        EndpointConvention.Map<DocumentValidated>(Address(DocumentIngestion));
        EndpointConvention.Map<DocumentValidationFailed>(Address(DocumentIngestion));
        EndpointConvention.Map<DocumentParsed>(Address(DocumentIngestion));
        EndpointConvention.Map<DocumentParseFailed>(Address(DocumentIngestion));
        EndpointConvention.Map<DocumentArchived>(Address(DocumentIngestion));
        EndpointConvention.Map<DocumentFinalized>(Address(PacketTracker));
    }

    // Not queue:{queue}: that address declares the queue on the first send, without arguments, which RabbitMQ refuses
    // for a quorum queue (PRECONDITION_FAILED). The queue, its exchange and the binding exist from every process's start.
    private static Uri Address(string queue) => new($"exchange:{queue}");
}
