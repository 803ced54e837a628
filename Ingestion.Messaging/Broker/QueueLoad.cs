namespace Ingestion.Messaging.Broker;

/// <summary>One work queue's backlog and the rate at which it is worked off.</summary>
/// <param name="Queue">The queue.</param>
/// <param name="Ready">Messages waiting.</param>
/// <param name="AcksPerMinute">Messages acknowledged per minute, recently.</param>
public sealed record QueueLoad(string Queue, long Ready, double AcksPerMinute)
{
    /// <summary>Minutes of work waiting at the current rate; infinite when nothing is being worked off.</summary>
    public double Ratio => Ready == 0 ? 0 : AcksPerMinute <= 0 ? double.PositiveInfinity : Ready / AcksPerMinute;
}
