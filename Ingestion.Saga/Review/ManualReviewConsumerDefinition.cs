using Ingestion.Messaging.Fleet;
using Ingestion.Persistence.Outbox;

namespace Ingestion.Saga.Review;

/// <summary>The <c>manual-review</c> endpoint.</summary>
internal sealed class ManualReviewConsumerDefinition() : DatabaseConsumerDefinition<ManualReviewConsumer>(FleetQueues.ManualReview);
