using Npgsql;

namespace Ingestion.Messaging.Resilience;

/// <summary>Which failures are worth another attempt: the ones that a later attempt can plausibly get past.</summary>
public static class TransientFaults
{
    /// <summary>
    /// True for timeouts, dropped connections (to the database or the broker), a database shutting down or restarting,
    /// deadlocks and serialization failures. Never for a document's own fault: whatever a PDF parser throws (PdfPig's
    /// <c>EndOfStreamException</c> on a damaged file is an <see cref="IOException"/>) is the same on every attempt.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        // A pipeline may wrap the fault (a saga's activity, a batch): what failed is inside.
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (IsDocumentFault(current))
            {
                return false;
            }
        }

        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (IsTransientItself(current))
            {
                return true;
            }
        }

        return exception is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient);
    }

    // PdfPig's own exception types, and the framework's ones it throws (IOException, InvalidOperationException ...).
    private static bool IsDocumentFault(Exception exception) =>
        IsParser(exception.GetType().Namespace) || IsParser(exception.Source) || IsParser(exception.TargetSite?.DeclaringType?.Namespace);

    private static bool IsParser(string? name) => name is not null && name.StartsWith("UglyToad.PdfPig", StringComparison.Ordinal);

    // A multi-host connection string (a primary and its standby, Target Session Attributes=primary) while the primary is
    // down and the standby not yet promoted, or promoted less than Npgsql's host recheck ago: Npgsql finds no server to
    // connect to and says so without an inner exception (and IsTransient false), though a failover ends it in seconds.
    // Npgsql has no type or code for it; its message is the one mark (the failover drill, ClusterDrillTests, breaks if it changes).
    private static bool IsFailoverUnderWay(NpgsqlException exception) =>
        exception is not PostgresException && exception.Message.StartsWith("No suitable host was found", StringComparison.Ordinal);

    private static bool IsTransientItself(Exception exception) => exception switch
    {
        TransientFaultException => true,
        TimeoutException => true,
        PostgresException pg => pg.IsTransient
            || pg.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
            // Class 57P (admin or crash shutdown, cannot connect now) and class 08 (connection exceptions): a restart.
            || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or System.Net.Sockets.SocketException || IsFailoverUnderWay(npgsql),
        IOException => true,
        System.Net.Sockets.SocketException => true,
        // The broker went away while a message was being sent or acknowledged.
        MassTransit.ConnectionException => true,
        RabbitMQ.Client.Exceptions.AlreadyClosedException => true,
        RabbitMQ.Client.Exceptions.OperationInterruptedException => true,
        _ => false,
    };
}
