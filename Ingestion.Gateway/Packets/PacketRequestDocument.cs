namespace Ingestion.Gateway.Packets;

/// <summary>One document of a <see cref="PacketRequest"/>.</summary>
internal sealed record PacketRequestDocument
{
    public string? DocumentId { get; init; }

    public string? ArtifactType { get; init; }

    public string? FileName { get; init; }

    public long SizeBytes { get; init; }

    public string? Sha256 { get; init; }

    public string? ContentReference { get; init; }
}
