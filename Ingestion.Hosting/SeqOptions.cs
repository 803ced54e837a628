namespace Ingestion.Hosting;

/// <summary>Where structured logs also go: bound from <c>Ingestion:Seq</c>. Empty means console only.</summary>
public sealed class SeqOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Seq";

    /// <summary>The Seq server, for example <c>http://127.0.0.1:5341</c>; the sink is on only when this is set.</summary>
    public string? ServerUrl { get; set; }

    /// <summary>An API key, if the server requires one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How often batches are shipped, in milliseconds.</summary>
    public int PeriodMs { get; set; } = 2000;
}
