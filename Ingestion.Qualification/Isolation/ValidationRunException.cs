namespace Ingestion.Qualification.Isolation;

/// <summary>A validation run could not go on: a worker did not start, a deadline passed, the dataset is not usable.</summary>
public sealed class ValidationRunException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ValidationRunException()
    {
    }

    /// <summary>Creates the exception with a message an operator can act on.</summary>
    public ValidationRunException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ValidationRunException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the run stopped because a deadline passed, rather than because something went wrong.</summary>
    public bool TimedOut { get; init; }
}
