namespace Ingestion.Messaging.Breakers;

/// <summary>
/// Told when a breaker of this process opens or closes. The audit trail listens (from a project that has a database);
/// a listener must not throw and must not block: the breaker's endpoint waits for it.
/// </summary>
public interface IBreakerTransitionListener
{
    /// <summary>The breaker of <paramref name="endpoint"/> opened at <paramref name="at"/>, for <paramref name="reason"/>.</summary>
    void Opened(string endpoint, DateTime at, string reason);

    /// <summary>The breaker of <paramref name="endpoint"/> closed (half-open, taking messages again) at <paramref name="at"/>.</summary>
    void Closed(string endpoint, DateTime at, string reason);
}
