using Npgsql;

namespace Ingestion.Infrastructure.Resilience;

/// <summary>Which failures are worth another attempt: the ones that a later attempt can plausibly get past.</summary>
public static class TransientFaults
{
    /// <summary>True for timeouts, dropped connections, deadlocks and serialization failures.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        TransientFaultException => true,
        TimeoutException => true,
        PostgresException pg => pg.IsTransient || pg.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        NpgsqlException npgsql => npgsql.IsTransient,
        IOException => true,
        _ => false,
    };
}
