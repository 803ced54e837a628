namespace Ingestion.Samples.Replay;

/// <summary>
/// A packet of schema drift for the validation runbook: for each of the nine templates, one plain-text document on the
/// deprecated version 1.4, one on the retired version 1.0, and one on a current version as a control.
/// </summary>
public static class SchemaDriftPacket
{
    /// <summary>The site that sends the drift packet.</summary>
    public static readonly SampleSite Site = new("CH-ZRH-007", "Dr. Anna Keller", "Zurich, Switzerland", "German");

    /// <summary>Writes the packet to <c>root/CH-ZRH-007</c>; returns the folder.</summary>
    public static string Write(string root, int seed)
    {
        var variants = new[] { SamplePacketWriter.Variant.Deprecated, SamplePacketWriter.Variant.Retired, SamplePacketWriter.Variant.Current }
            .SelectMany(v => Enumerable.Repeat(v, SampleTemplates.All.Count))
            .ToList();
        return SamplePacketWriter.WritePacket(Path.Combine(root, Site.SiteId), Site, variants, seed);
    }
}
