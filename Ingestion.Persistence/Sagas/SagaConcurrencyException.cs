namespace Ingestion.Persistence.Sagas;

/// <summary>
/// Another message created or changed the same saga instance first. Transient: the saga endpoint's retry
/// policy consumes the message again, and the second time it sees the other writer's state.
/// </summary>
public sealed class SagaConcurrencyException(Type sagaType, Guid correlationId, string detail)
    : Exception($"{sagaType.Name} {correlationId}: {detail}")
{
    /// <summary>The saga instance.</summary>
    public Guid CorrelationId { get; } = correlationId;
}
