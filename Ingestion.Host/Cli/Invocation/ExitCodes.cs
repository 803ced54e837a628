namespace Ingestion.Host.Cli.Invocation;

/// <summary>
/// Every exit code of <c>ingest</c>, defined once (the table is in the README). Scripts test them, so a code keeps its
/// meaning: 1 and 3 are the ones the commands returned before the table existed.
/// </summary>
internal static class ExitCodes
{
    /// <summary>Done; the check passed.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and its answer is no: a check failed, not everything is accounted for, a chain or receipt does not verify.</summary>
    public const int CheckFailed = 1;

    /// <summary>The command line is wrong: an unknown option, a missing or invalid argument.</summary>
    public const int Usage = 2;

    /// <summary><c>ingest hold status</c>: a compliance hold is active.</summary>
    public const int HoldActive = 3;

    /// <summary>PostgreSQL does not answer, refuses the connection or the login.</summary>
    public const int DatabaseUnavailable = 4;

    /// <summary>RabbitMQ (or its management API) does not answer or refuses the connection.</summary>
    public const int BrokerUnavailable = 5;

    /// <summary>A wait ran out: a database lock or statement, a run that did not settle in time.</summary>
    public const int TimedOut = 6;

    /// <summary>The schema is missing or older than this build's (run <c>ingest migrate</c>), or newer than <c>ingest migrate</c>'s build.</summary>
    public const int SchemaNotMigrated = 7;

    /// <summary>What the command names does not exist: a document, a dead letter, a file, a queue.</summary>
    public const int NotFound = 8;

    /// <summary><c>ingest submit</c>, <c>ingest receipts</c>: the site gateway answered and refused (its status and code are printed).</summary>
    public const int GatewayRefused = 9;

    /// <summary><c>ingest submit</c>, <c>ingest receipts</c>: the site gateway cannot be reached (network, TLS, certificate).</summary>
    public const int GatewayUnreachable = 10;

    /// <summary>An unexpected error: a bug or a failure no other code describes. Its type and message are printed.</summary>
    public const int Unexpected = 70;

    /// <summary>Stopped by Ctrl+C or SIGTERM before it finished (System.CommandLine's code).</summary>
    public const int Cancelled = 130;
}
