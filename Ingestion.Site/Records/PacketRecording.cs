namespace Ingestion.Site.Records;

/// <summary>What recording a packet did.</summary>
public enum PacketRecording
{
    /// <summary>The packet is recorded now for its site.</summary>
    Recorded,

    /// <summary>This site recorded exactly this packet before; nothing changed.</summary>
    AlreadyRecorded,

    /// <summary>This site recorded the packet id before with other content; refused.</summary>
    Changed,

    /// <summary>Another site owns the packet id; refused.</summary>
    TakenByAnotherSite,
}
