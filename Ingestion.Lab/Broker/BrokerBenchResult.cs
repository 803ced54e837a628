namespace Ingestion.Lab.Broker;

/// <summary>What one raw broker run measured.</summary>
/// <param name="Messages">Messages sent and consumed.</param>
/// <param name="SendSeconds">From the first send to the last publisher confirm.</param>
/// <param name="EndToEndSeconds">From the first send to the last message consumed.</param>
/// <param name="MeanBodyBytes">The mean size of the message bodies as consumed.</param>
public sealed record BrokerBenchResult(int Messages, double SendSeconds, double EndToEndSeconds, double MeanBodyBytes)
{
    /// <summary>Messages sent, confirmed and consumed per second: the broker's raw limit on this machine.</summary>
    public double MessagesPerSecond => Messages / EndToEndSeconds;
}
