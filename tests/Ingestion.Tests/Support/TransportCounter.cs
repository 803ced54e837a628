using MassTransit;

namespace Ingestion.Tests.Support;

/// <summary>Counts, on one bus, the messages its endpoints finished receiving and the messages it sent to the broker.</summary>
internal sealed class TransportCounter : IReceiveObserver, ISendObserver
{
    private int _received;
    private int _sent;

    public int Received => Volatile.Read(ref _received);

    public int Sent => Volatile.Read(ref _sent);

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context)
    {
        Interlocked.Increment(ref _received);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception) => Task.CompletedTask;

    public Task PreSend<T>(SendContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostSend<T>(SendContext<T> context)
        where T : class
    {
        Interlocked.Increment(ref _sent);
        return Task.CompletedTask;
    }

    public Task SendFault<T>(SendContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
