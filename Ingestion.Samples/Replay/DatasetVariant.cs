namespace Ingestion.Samples.Replay;

/// <summary>What a replay dataset document is written as; <see cref="Corrupted"/> is a born-digital PDF changed after hashing.</summary>
internal enum DatasetVariant
{
    BornDigital,
    Revised,
    Deprecated,
    Truncated,
    NotPdf,
    Encrypted,
    Empty,
    Corrupted,
    Scanned,
}
