using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using Npgsql;

namespace Ingestion.Infrastructure.Outbox;

/// <summary>
/// A message's consume context on an endpoint with the durable outbox: what the consumer (or saga) sends is written to
/// <c>outbox_message</c> in the message's transaction instead of going to the broker, and the inbox record says how
/// far this message got.
/// </summary>
internal sealed class PostgresOutboxConsumeContext<TMessage> : OutboxConsumeContextProxy<TMessage>, IDatabaseTransactionContext, IDisposable
    where TMessage : class
{
    private readonly InboxRecord _inbox;
    private readonly OutboxOwner _owner;

    // A consumer may send several messages at once; one connection runs one command at a time.
    private readonly SemaphoreSlim _writes = new(1, 1);

    public PostgresOutboxConsumeContext(
        ConsumeContext<TMessage> context, OutboxConsumeOptions options, IServiceProvider provider,
        NpgsqlConnection connection, NpgsqlTransaction transaction, InboxRecord inbox)
        : base(context, options, provider)
    {
        Connection = connection;
        Transaction = transaction;
        _inbox = inbox;
        _owner = OutboxOwner.Inbox(inbox.MessageId, inbox.ConsumerId);
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public override Guid? MessageId => _inbox.MessageId;

    public override bool ContinueProcessing { get; set; } = true;

    public override bool IsMessageConsumed => _inbox.Consumed.HasValue;

    public override bool IsOutboxDelivered => _inbox.Delivered.HasValue;

    public override int ReceiveCount => _inbox.ReceiveCount;

    public override long? LastSequenceNumber => _inbox.LastSequenceNumber;

    public override Task SetConsumed()
    {
        _inbox.Consumed = DateTime.UtcNow;
        return Task.CompletedTask;
    }

    public override Task SetDelivered()
    {
        _inbox.Delivered = DateTime.UtcNow;
        return Task.CompletedTask;
    }

    public override async Task<List<OutboxMessageContext>> LoadOutboxMessages()
    {
        var messages = await OutboxMessageTable.LoadAsync(
            this, _owner, _inbox.LastSequenceNumber ?? 0, Options.MessageDeliveryLimit + 1, SerializerContext, CancellationToken);
        return [.. messages];
    }

    public override Task NotifyOutboxMessageDelivered(OutboxMessageContext message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _inbox.LastSequenceNumber = message.SequenceNumber;
        return Task.CompletedTask;
    }

    public override Task RemoveOutboxMessages() => OutboxMessageTable.RemoveAsync(this, _owner, throughSequence: null, CancellationToken);

    public override async Task AddSend<T>(SendContext<T> context)
    {
        await _writes.WaitAsync(CancellationToken);
        try
        {
            await OutboxMessageTable.AddAsync(this, context, SerializerContext, _owner, CancellationToken);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Writes the inbox record's progress; the factory calls it once, before the commit.</summary>
    public Task SaveInboxAsync() => _inbox.SaveAsync(this, CancellationToken);

    public void Dispose() => _writes.Dispose();
}
