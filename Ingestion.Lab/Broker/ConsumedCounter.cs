namespace Ingestion.Lab.Broker;

/// <summary>Counts consumed messages and their body bytes, and completes when a run's count is reached.</summary>
internal sealed class ConsumedCounter
{
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;
    private long _bodyBytes;

    /// <summary>Body bytes of the messages consumed since the last <see cref="Expect"/>.</summary>
    public long BodyBytes => Interlocked.Read(ref _bodyBytes);

    /// <summary>Starts a run of <paramref name="messages"/>; the task completes when all are consumed.</summary>
    public Task Expect(int messages)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _bodyBytes, 0);
        Volatile.Write(ref _remaining, messages);
        return _done.Task;
    }

    public void Consumed(long bodyBytes)
    {
        Interlocked.Add(ref _bodyBytes, bodyBytes);
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }
}
