using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using Npgsql;

namespace Ingestion.Persistence.Outbox;

/// <summary>
/// A message's consume context on an endpoint with the durable outbox: what the consumer (or saga) sends is written to
/// <c>outbox_message</c> in the message's transaction instead of going to the broker, and the inbox record says how
/// far this message got.
/// </summary>
internal sealed class PostgresOutboxConsumeContext<TMessage> : OutboxConsumeContextProxy<TMessage>, IDatabaseTransactionContext
    where TMessage : class
{
    private readonly InboxRecord _inbox;
    private readonly OutboxOwner _owner;

    // What the consumer sends is kept here and written with the inbox record at the end of the step: a send that failed
    // on the database would otherwise fault the message as a whole, past every handler, when MassTransit collects it.
    private readonly List<OutboxRow> _sends = [];

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

    /// <summary>True once the consumer (or saga) has reported a fault of its own.</summary>
    public bool ConsumerFaulted { get; private set; }

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

    public override Task AddSend<T>(SendContext<T> context)
    {
        var row = OutboxMessageTable.Prepare(context, SerializerContext, _owner);
        lock (_sends)
        {
            _sends.Add(row);
        }

        return Task.CompletedTask;
    }

    public override Task NotifyFaulted<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
    {
        ConsumerFaulted = true;
        return base.NotifyFaulted(context, duration, consumerType, exception);
    }

    /// <summary>True when this step consumed the message and it sent nothing: there is nothing left to deliver or forget.</summary>
    public bool Finished { get; private set; }

    /// <summary>
    /// What this step consumed and sent, written with its inbox record: once the commit has succeeded, the factory sends
    /// these from memory, and a later delivery of the message sends the stored copies under the same ids.
    /// </summary>
    public IReadOnlyList<OutboxRow> ConsumedSends { get; private set; } = [];

    /// <summary>
    /// Writes what the consumer sent and the inbox record's progress in one round trip; the factory calls it once, before
    /// the commit.
    /// </summary>
    public async Task SaveAsync(bool consumedBefore)
    {
        List<OutboxRow> sends;
        lock (_sends)
        {
            sends = [.. _sends];
            _sends.Clear();
        }

        if (!consumedBefore && _inbox.Consumed is not null && sends.Count == 0)
        {
            // Nothing to send: the message is done with this commit, with no delivery step after it.
            _inbox.Delivered = _inbox.Consumed;
            Finished = true;
        }
        else if (!consumedBefore && _inbox.Consumed is not null)
        {
            ConsumedSends = sends;
        }

        await using var batch = new NpgsqlBatch(Connection, Transaction);
        foreach (var row in sends)
        {
            batch.BatchCommands.Add(OutboxMessageTable.InsertCommand(row));
        }

        batch.BatchCommands.Add(_inbox.SaveCommand());
        await batch.ExecuteNonQueryAsync(CancellationToken);
    }
}
