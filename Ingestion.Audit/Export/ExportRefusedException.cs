namespace Ingestion.Audit.Export;

/// <summary>The export directory is not the one this ledger wrote: a closed segment changed, or the open one disagrees with the ledger.</summary>
public sealed class ExportRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExportRefusedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ExportRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ExportRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
