namespace Ingestion.Saga.Recovery;

/// <summary>The recovery sweep: bound from <c>Ingestion:Recovery</c>.</summary>
public sealed class SagaRecoveryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Recovery";

    /// <summary>Whether saga workers sweep at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often a saga worker sweeps.</summary>
    public int SweepIntervalSeconds { get; set; } = 30;

    /// <summary>
    /// A document that has not moved for this long is resumed. Longer than the slowest legitimate stage (OCR of many
    /// pages plus every delayed redelivery), so a healthy document is never resumed; a resumed one only repeats work.
    /// </summary>
    public int StaleAfterSeconds { get; set; } = 900;
}
