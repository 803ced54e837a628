namespace Ingestion.Audit.Ledger;

/// <summary>How audit workers chain staged entries: bound from <c>Ingestion:Audit:Appender</c>.</summary>
public sealed class LedgerAppenderOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Audit:Appender";

    /// <summary>Staged entries chained per transaction at most.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// How often the appender looks at the staging table when nothing in its own process woke it: entries staged by
    /// another process (a command, a worker without the audit role) wait at most this long.
    /// </summary>
    public int PollIntervalMs { get; set; } = 500;

    /// <summary>
    /// How long the appender waits after being woken before it chains, so that the transaction that staged the entry has
    /// committed and the entries of concurrent steps are chained together rather than one transaction each.
    /// </summary>
    public int CoalesceMs { get; set; } = 20;
}
