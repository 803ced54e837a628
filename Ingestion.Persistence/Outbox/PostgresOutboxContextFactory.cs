using System.Diagnostics;
using System.Runtime.CompilerServices;
using Ingestion.Messaging.Breakers;
using Ingestion.Messaging.Redelivery;
using Ingestion.Messaging.Resilience;
using Ingestion.Persistence.Database;
using MassTransit;
using MassTransit.Middleware;
using MassTransit.Serialization;

namespace Ingestion.Persistence.Outbox;

/// <summary>
/// Runs a consumed message through MassTransit's outbox pipe in one PostgreSQL transaction: the consumer's or saga's
/// writes, the inbox record and the outgoing messages commit together; then the outgoing messages are sent from memory,
/// before the message is acknowledged, and the inbox record is marked delivered later, in batches
/// (<see cref="DeliveredInboxRecords"/>). A worker that dies after the commit leaves the message unacknowledged; whoever
/// receives it next reads the inbox record, finds it consumed and not delivered, and sends the stored copies under the
/// same message ids (MassTransit's delivery step, a transaction of its own), so the message takes effect once and its
/// results reach their receivers at least once, each receiver's inbox taking them once.
/// </summary>
internal sealed class PostgresOutboxContextFactory(IngestionDatabase database, DeliveredInboxRecords delivered, IServiceProvider provider)
    : IOutboxContextFactory<IngestionDatabase>
{
    // Five attempts, 100 ms to 800 ms apart: about a second and a half of a database or broker hiccup. A dependency that
    // is down or crawling (each attempt waiting out a connect timeout) is left to the consumer's retries, the redelivery and
    // the breaker after a few seconds.
    private const int StepAttempts = 5;
    private static readonly TimeSpan StepRetryWindow = TimeSpan.FromSeconds(3);

    public async Task Send<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next)
        where T : class
    {
        var messageId = context.GetOriginalMessageId()
            ?? throw new MessageException(typeof(T), "The durable outbox needs a message id; this message has none.");
        var continueProcessing = true;
        while (continueProcessing)
        {
            continueProcessing = await RunStepWithRetriesAsync(context, options, next, messageId);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("outboxContextFactory").Add("provider", "postgresql");

    /// <summary>
    /// A step that failed on the database (or the broker) is tried again a few times at once, as Entity Framework's
    /// execution strategy does for its outbox: a hiccup of a shared dependency must not spend the consumer's own retry
    /// budget, which is sized for the consumer's faults (a stage's may be a few hundred milliseconds).
    /// </summary>
    private async Task<bool> RunStepWithRetriesAsync<T>(
        ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next, Guid messageId)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            var infrastructure = new StrongBox<bool>();
            try
            {
                return await RunStepAsync(context, options, next, messageId, infrastructure);
            }
            catch (Exception exception) when (infrastructure.Value && attempt < StepAttempts && clock.Elapsed < StepRetryWindow
                && TransientFaults.IsTransient(exception) && !context.CancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 << (attempt - 1)), context.CancellationToken);
            }
        }
    }

    private async Task<bool> RunStepAsync<T>(
        ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next, Guid messageId, StrongBox<bool> infrastructure)
        where T : class
    {
        var timer = Stopwatch.StartNew();
        await using var step = await BeginStepAsync(context, options, messageId, timer, infrastructure);
        var outboxContext = new PostgresOutboxConsumeContext<T>(context, options, provider, step.Connection, step.Transaction, step.Inbox);
        var deliveredBefore = outboxContext.IsOutboxDelivered;
        var consumedBefore = outboxContext.IsMessageConsumed;
        try
        {
            await next.Send(outboxContext);
            if (!deliveredBefore && outboxContext.IsOutboxDelivered && outboxContext.ContinueProcessing)
            {
                // Everything was delivered in this step: forgetting it needs no transaction of its own.
                await next.Send(outboxContext);
            }
        }
        catch (Exception exception) when (!outboxContext.ConsumerFaulted)
        {
            // The saga repository, or the delivery of what a consumer produced earlier, failed: nothing of this step is
            // committed, and the consumer, which reports its own faults, did not fail.
            infrastructure.Value = true;
            await InfrastructureFailedAsync(context, options, timer, exception);
            throw;
        }

        try
        {
            await outboxContext.SaveAsync(consumedBefore);
            await step.Transaction.CommitAsync(context.CancellationToken);
        }
        catch (Exception exception)
        {
            // A commit that failed may still have committed; the inbox record tells the next attempt which.
            infrastructure.Value = true;
            await InfrastructureFailedAsync(context, options, timer, exception);
            throw;
        }

        if (outboxContext.ConsumedSends is { Count: > 0 } sends)
        {
            try
            {
                await SendFromMemoryAsync(context, options, outboxContext.SerializerContext, sends);
            }
            catch (Exception exception)
            {
                // Committed and not all sent: the next attempt finds the message consumed and sends the stored copies.
                infrastructure.Value = true;
                await InfrastructureFailedAsync(context, options, timer, exception);
                throw;
            }

            delivered.Delivered(messageId, options.ConsumerId);
            return false;
        }

        return outboxContext.ContinueProcessing && !outboxContext.Finished;
    }

    /// <summary>Sends what the committed step wrote to the outbox, exactly as the delivery step would send it from there.</summary>
    private static async Task SendFromMemoryAsync<T>(
        ConsumeContext<T> context, OutboxConsumeOptions options, IObjectDeserializer deserializer, IReadOnlyList<OutboxRow> sends)
        where T : class
    {
        foreach (var row in sends)
        {
            var message = StoredOutboxMessage.FromRow(row, deserializer);
            if (message.DestinationAddress is not { } destination)
            {
                continue;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
            timeout.CancelAfter(options.MessageDeliveryTimeout);
            var endpoint = await context.GetSendEndpoint(destination);
            await endpoint.Send(new SerializedMessageBody(), new OutboxMessageSendPipe(message, destination), timeout.Token);
        }
    }

    /// <summary>Opens the step's transaction and locks the inbox record.</summary>
    private async Task<OutboxStep> BeginStepAsync<T>(
        ConsumeContext<T> context, OutboxConsumeOptions options, Guid messageId, Stopwatch timer, StrongBox<bool> infrastructure)
        where T : class
    {
        Npgsql.NpgsqlConnection? connection = null;
        Npgsql.NpgsqlTransaction? transaction = null;
        try
        {
            connection = await database.OpenAsync(context.CancellationToken);
            transaction = await connection.BeginTransactionAsync(context.CancellationToken);
            var inbox = await InboxRecord.LockAsync(
                new OpenTransaction(connection, transaction), messageId, options.ConsumerId, options.ConsumerType, context.CancellationToken);
            return new OutboxStep(connection, transaction, inbox);
        }
        catch (Exception exception)
        {
            await OutboxStep.DisposeAsync(connection, transaction);
            infrastructure.Value = true;
            await InfrastructureFailedAsync(context, options, timer, exception);
            throw;
        }
    }

    /// <summary>
    /// Lets the wait-queue redelivery hand the message over without making the failure a fault of the consumer, whose work
    /// may have been committed by an earlier attempt; and counts it at once against the endpoint's breaker, which must
    /// open on a failing database without waiting for every retry of every message to run out.
    /// </summary>
    private async Task InfrastructureFailedAsync<T>(ConsumeContext<T> context, OutboxConsumeOptions options, Stopwatch timer, Exception exception)
        where T : class
    {
        if (context.TryGetPayload(out FaultDeferringConsumeContext? redelivery))
        {
            redelivery.InfrastructureFailed(context, timer.Elapsed, options.ConsumerType, exception);
        }

        if (TransientFaults.IsTransient(exception) && provider.GetService(typeof(BreakerStates)) is BreakerStates breakers
            && context.ReceiveContext.InputAddress is { } input)
        {
            await breakers.CountFailureAsync(input.AbsolutePath.Split('/')[^1], context, exception);
        }
    }

    private sealed record OutboxStep(Npgsql.NpgsqlConnection Connection, Npgsql.NpgsqlTransaction Transaction, InboxRecord Inbox)
        : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => DisposeAsync(Connection, Transaction);

        public static async ValueTask DisposeAsync(Npgsql.NpgsqlConnection? connection, Npgsql.NpgsqlTransaction? transaction)
        {
            try
            {
                if (transaction is not null)
                {
                    await transaction.DisposeAsync();
                }
            }
            catch (Exception exception) when (exception is Npgsql.NpgsqlException or IOException or InvalidOperationException)
            {
                // Rolling back on a connection that died: the server has rolled the transaction back already.
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
