namespace Ingestion.Consumers.Parsing.Ocr;

/// <summary>The limits an OCR tool ran under, named in the reason of a document that passed one.</summary>
internal sealed record ToolLimits(double CpuSeconds, int MemoryMiB, int FileMiB);
