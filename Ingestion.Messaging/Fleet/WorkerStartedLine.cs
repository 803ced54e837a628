namespace Ingestion.Messaging.Fleet;

/// <summary>
/// The line <c>ingest worker</c> writes to standard output once its host has started, which is once its bus has started:
/// every queue and binding of its roles exists and it takes messages. What a test or a qualification run waits for
/// before it counts on the worker.
/// </summary>
public static class WorkerStartedLine
{
    /// <summary>How the line begins; the worker id and its roles follow.</summary>
    public const string Prefix = "ingest worker started: ";

    /// <summary>The line of a worker with <paramref name="workerId"/> running <paramref name="roles"/>.</summary>
    public static string For(string workerId, string roles) => $"{Prefix}{workerId} (roles: {roles})";
}
