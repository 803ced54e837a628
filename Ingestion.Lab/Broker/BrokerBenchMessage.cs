namespace Ingestion.Lab.Broker;

/// <summary>The raw broker benchmark's message: a sequence number and padding to the pipeline's message size.</summary>
public sealed record BrokerBenchMessage
{
    /// <summary>The message's position in the run, from 0.</summary>
    public int Sequence { get; init; }

    /// <summary>Filler that brings the serialized message to the size being measured.</summary>
    public string Padding { get; init; } = string.Empty;
}
