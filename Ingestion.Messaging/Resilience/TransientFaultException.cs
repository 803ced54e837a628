namespace Ingestion.Messaging.Resilience;

/// <summary>A failure that the stage expects to clear by itself (a dependency briefly unavailable); retried.</summary>
public sealed class TransientFaultException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TransientFaultException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public TransientFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TransientFaultException()
    {
    }
}
