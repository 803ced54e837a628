using System.Net.Sockets;
using Ingestion.Host.Cli.Invocation;
using Ingestion.Persistence.Database;
using Npgsql;
using RabbitMQ.Client.Exceptions;

namespace Ingestion.UnitTests.Commands;

/// <summary>Each expected failure of a command becomes its documented exit code and one line; anything else is unexpected.</summary>
[TestFixture]
public sealed class CommandFailureTests
{
    private static readonly object[] Cases =
    [
        new object[] { new NpgsqlException("Failed to connect to 127.0.0.1:1", new SocketException((int)SocketError.ConnectionRefused)), ExitCodes.DatabaseUnavailable },
        new object[] { new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt")), ExitCodes.TimedOut },
        new object[] { new PostgresException("canceling statement due to lock timeout", "ERROR", "ERROR", PostgresErrorCodes.LockNotAvailable), ExitCodes.TimedOut },
        new object[] { new PostgresException("password authentication failed", "FATAL", "FATAL", PostgresErrorCodes.InvalidPassword), ExitCodes.DatabaseUnavailable },
        new object[] { new PostgresException("the database system is shutting down", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown), ExitCodes.DatabaseUnavailable },
        new object[] { new PostgresException("relation \"packets\" does not exist", "ERROR", "ERROR", PostgresErrorCodes.UndefinedTable), ExitCodes.SchemaNotMigrated },
        new object[] { new SchemaNotMigratedException("schema 'x' is at version 1, this build needs 2: run `ingest migrate`"), ExitCodes.SchemaNotMigrated },
        new object[] { new BrokerUnreachableException(new IOException("connection refused")), ExitCodes.BrokerUnavailable },
        new object[] { new HttpRequestException("Connection refused (127.0.0.1:15673)"), ExitCodes.BrokerUnavailable },
        new object[] { new FileNotFoundException("Could not find file '/tmp/receipt.json'."), ExitCodes.NotFound },
        new object[] { new InvalidOperationException("wrapped", new NpgsqlException("Failed to connect to 127.0.0.1:1")), ExitCodes.DatabaseUnavailable },
        new object[] { new TaskCanceledException("HttpClient timed out", new TimeoutException("100 s")), ExitCodes.TimedOut },
        new object[] { new OperationCanceledException(), ExitCodes.Cancelled },
        new object[] { new InvalidOperationException("a bug"), ExitCodes.Unexpected },
    ];

    [TestCaseSource(nameof(Cases))]
    public void An_exception_that_ends_a_command_becomes_its_exit_code_and_one_line(Exception exception, int exitCode)
    {
        var failure = CommandFailure.From(exception);

        Assert.That(failure.ExitCode, Is.EqualTo(exitCode), failure.Message);
        Assert.That(failure.Message, Does.Not.Contain('\n'));
    }

    [Test]
    public void An_unexpected_exception_is_named_by_its_type_and_message()
    {
        var failure = CommandFailure.From(new InvalidOperationException("a bug\n  on two lines"));

        Assert.That(failure.Message, Is.EqualTo("unexpected InvalidOperationException: a bug on two lines"));
    }

    [Test]
    public void The_exit_codes_are_distinct()
    {
        var codes = typeof(ExitCodes).GetFields().Select(f => (int)f.GetValue(null)!).ToList();

        Assert.That(codes, Is.Unique);
        Assert.That(ExitCodes.CheckFailed, Is.EqualTo(1), "ingest wait and audit verify have always exited 1 on a failed check");
        Assert.That(ExitCodes.HoldActive, Is.EqualTo(3), "ingest hold status has always exited 3 while a hold is active");
    }
}
