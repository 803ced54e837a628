using Ingestion.Messaging.Resilience;
using Npgsql;

namespace Ingestion.UnitTests.Messaging;

/// <summary>Which failures earn another attempt (retry, redelivery) and which reject the document at once.</summary>
public sealed class TransientFaultsTests
{
    private static IEnumerable<TestCaseData> Transient()
    {
        yield return Case(new TimeoutException("page 1 took too long"), "a timeout");
        yield return Case(new IOException("connection reset"), "a dropped connection");
        yield return Case(new TransientFaultException("extraction service unavailable"), "a fault declared transient");
        yield return Case(Postgres(PostgresErrorCodes.SerializationFailure), "a serialization failure");
        yield return Case(Postgres(PostgresErrorCodes.DeadlockDetected), "a deadlock");
        yield return Case(Postgres(PostgresErrorCodes.AdminShutdown), "the database shutting down");
        yield return Case(Postgres(PostgresErrorCodes.ConnectionFailure), "a connection exception");
        yield return Case(new NpgsqlException("No suitable host was found."), "no primary among the hosts during a failover");
        yield return Case(new InvalidOperationException("saga activity faulted", new TimeoutException()), "a timeout wrapped by the pipeline");
        yield return Case(new AggregateException(new ArgumentException("first"), new IOException("second")), "a batch holding a dropped connection");
    }

    private static IEnumerable<TestCaseData> Permanent()
    {
        yield return Case(new ArgumentException("template not in the registry"), "a bad argument");
        yield return Case(new InvalidOperationException("passed validation but not in registry"), "an invalid state");
        yield return Case(Postgres(PostgresErrorCodes.UniqueViolation), "a unique violation");
        yield return Case(Postgres(PostgresErrorCodes.InsufficientPrivilege), "a refused privilege");
        yield return Case(new AggregateException(new ArgumentException("first"), new FormatException("second")), "a batch of permanent faults");
    }

    [TestCaseSource(nameof(Transient))]
    public void A_failure_a_later_attempt_can_get_past_is_retried(Exception exception) => Assert.That(TransientFaults.IsTransient(exception), Is.True);

    [TestCaseSource(nameof(Permanent))]
    public void A_failure_no_later_attempt_can_fix_is_not_retried(Exception exception) => Assert.That(TransientFaults.IsTransient(exception), Is.False);

    private static TestCaseData Case(Exception exception, string name) => new TestCaseData(exception).SetArgDisplayNames(name);

    private static PostgresException Postgres(string sqlState) => new("simulated", "ERROR", "ERROR", sqlState);
}
