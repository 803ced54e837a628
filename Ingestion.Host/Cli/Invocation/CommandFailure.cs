using System.Net.Sockets;
using Ingestion.Persistence.Database;
using Npgsql;
using RabbitMQ.Client.Exceptions;

namespace Ingestion.Host.Cli.Invocation;

/// <summary>
/// What an exception that ended a command means to its user: one line saying what failed and what to do, and the exit
/// code. Expected failures (a database or broker that does not answer, a lock wait that ran out, a schema not migrated,
/// a file that is not there) have their own codes; anything else is <see cref="ExitCodes.Unexpected"/>, named by type.
/// </summary>
internal sealed record CommandFailure(int ExitCode, string Message)
{
    public static CommandFailure From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var causes = Causes(exception).ToList();
        foreach (var cause in causes)
        {
            if (Expected(cause) is { } failure)
            {
                return failure;
            }
        }

        // Last: a cancellation caused by a time-out (HttpClient's, say) is a time-out, found above.
        if (causes.Any(c => c is OperationCanceledException))
        {
            return new CommandFailure(ExitCodes.Cancelled, "cancelled");
        }

        return new CommandFailure(
            ExitCodes.Unexpected, $"unexpected {exception.GetType().Name}: {OneLine(exception.Message)}");
    }

    private static CommandFailure? Expected(Exception cause) => cause switch
    {
        SchemaNotMigratedException => new(ExitCodes.SchemaNotMigrated, OneLine(cause.Message)),
        PostgresException pg => Database(pg),
        NpgsqlException npgsql when npgsql.InnerException is TimeoutException && !IsConnectFailure(npgsql) => new(
            ExitCodes.TimedOut,
            "the database did not answer within the command timeout (a long transaction holding a lock?): retry, or raise Command Timeout in Ingestion:Database:ConnectionString"),
        NpgsqlException npgsql => new(
            ExitCodes.DatabaseUnavailable,
            $"the database does not answer ({OneLine(npgsql.Message)}): check that PostgreSQL runs and that Ingestion:Database:ConnectionString points at it"),
        BrokerUnreachableException or ConnectFailureException or AlreadyClosedException or OperationInterruptedException
            or MassTransit.ConnectionException => new(
            ExitCodes.BrokerUnavailable,
            $"the broker does not answer ({OneLine(cause.Message)}): check that RabbitMQ runs and Ingestion:RabbitMq:Host, Port and VirtualHost"),
        HttpRequestException http => new(
            ExitCodes.BrokerUnavailable,
            $"the broker's management API does not answer ({OneLine(http.Message)}): check that RabbitMQ runs with its management plugin and Ingestion:RabbitMq:ManagementPort"),
        TimeoutException => new(ExitCodes.TimedOut, $"timed out: {OneLine(cause.Message)}"),
        FileNotFoundException or DirectoryNotFoundException => new(ExitCodes.NotFound, OneLine(cause.Message)),
        _ => null,
    };

    private static CommandFailure? Database(PostgresException pg) => pg.SqlState switch
    {
        PostgresErrorCodes.InvalidSchemaName or PostgresErrorCodes.UndefinedTable => new(
            ExitCodes.SchemaNotMigrated, $"the database schema is not migrated ({OneLine(pg.MessageText)}): run `ingest migrate`"),
        PostgresErrorCodes.LockNotAvailable => new(
            ExitCodes.TimedOut, $"gave up waiting for a database lock ({OneLine(pg.MessageText)}): retry when the transaction holding it has ended"),
        PostgresErrorCodes.QueryCanceled => new(ExitCodes.TimedOut, $"a database statement was cancelled or timed out ({OneLine(pg.MessageText)})"),
        PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification => new(
            ExitCodes.DatabaseUnavailable, $"the database refused the login ({OneLine(pg.MessageText)}): check Ingestion:Database:ConnectionString"),
        PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.TooManyConnections => new(
            ExitCodes.DatabaseUnavailable, $"the database refused the connection ({OneLine(pg.MessageText)})"),
        // Class 57P (shutting down, starting up) and class 08 (connection exceptions).
        var state when state.StartsWith("57P", StringComparison.Ordinal) || state.StartsWith("08", StringComparison.Ordinal) => new(
            ExitCodes.DatabaseUnavailable, $"the database is not available ({OneLine(pg.MessageText)}): retry once PostgreSQL is up"),
        _ => null,
    };

    // Npgsql reports a connect time-out as "Failed to connect to host:port" around the TimeoutException.
    private static bool IsConnectFailure(NpgsqlException exception) =>
        exception.Message.StartsWith("Failed to connect", StringComparison.Ordinal) || exception.InnerException?.InnerException is SocketException;

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Causes))
                {
                    yield return inner;
                }

                yield break;
            }
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
