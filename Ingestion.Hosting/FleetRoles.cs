namespace Ingestion.Hosting;

/// <summary>Which endpoints a worker process runs; every role by default.</summary>
[Flags]
public enum FleetRoles
{
    /// <summary>No endpoints: a client that only publishes (the submit command).</summary>
    None = 0,

    /// <summary>Packet intake, the document saga and the packet tracker.</summary>
    Saga = 1,

    /// <summary>The validation gate.</summary>
    Validate = 2,

    /// <summary>Field extraction.</summary>
    Parse = 4,

    /// <summary>Archival.</summary>
    Archive = 8,

    /// <summary>The audit ledger: chaining staged entries, periodic checkpoints and the sites' receipts.</summary>
    Audit = 16,

    /// <summary>Every role.</summary>
    All = Saga | Validate | Parse | Archive | Audit,
}
