using System.Diagnostics;
using Ingestion.Infrastructure.Database;
using Ingestion.Infrastructure.Redelivery;
using MassTransit;
using MassTransit.Middleware;

namespace Ingestion.Infrastructure.Outbox;

/// <summary>
/// Runs a consumed message through MassTransit's outbox pipe, one PostgreSQL transaction per step: consume (the
/// consumer's or saga's writes, the inbox record and the outgoing messages commit together), then deliver the stored
/// messages and forget them. A worker that dies between steps leaves the message unacknowledged; whoever receives it next
/// reads the inbox record and resumes at the step that did not commit, so the message takes effect once.
/// </summary>
internal sealed class PostgresOutboxContextFactory(IngestionDatabase database, IServiceProvider provider) : IOutboxContextFactory<IngestionDatabase>
{
    public async Task Send<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next)
        where T : class
    {
        var messageId = context.GetOriginalMessageId()
            ?? throw new MessageException(typeof(T), "The durable outbox needs a message id; this message has none.");
        var continueProcessing = true;
        while (continueProcessing)
        {
            continueProcessing = await RunStepAsync(context, options, next, messageId);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("outboxContextFactory").Add("provider", "postgresql");

    private async Task<bool> RunStepAsync<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next, Guid messageId)
        where T : class
    {
        var timer = Stopwatch.StartNew();
        await using var step = await BeginStepAsync(context, options, messageId, timer);
        var outboxContext = new PostgresOutboxConsumeContext<T>(context, options, provider, step.Connection, step.Transaction, step.Inbox);
        var deliveredBefore = outboxContext.IsOutboxDelivered;
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
            InfrastructureFailed(context, options, timer, exception);
            throw;
        }

        try
        {
            await outboxContext.SaveAsync();
            await step.Transaction.CommitAsync(context.CancellationToken);
        }
        catch (Exception exception)
        {
            // A commit that failed may still have committed; the inbox record tells the next attempt which.
            InfrastructureFailed(context, options, timer, exception);
            throw;
        }

        return outboxContext.ContinueProcessing;
    }

    /// <summary>Opens the step's transaction and locks the inbox record.</summary>
    private async Task<OutboxStep> BeginStepAsync<T>(ConsumeContext<T> context, OutboxConsumeOptions options, Guid messageId, Stopwatch timer)
        where T : class
    {
        Npgsql.NpgsqlConnection? connection = null;
        Npgsql.NpgsqlTransaction? transaction = null;
        try
        {
            connection = await database.OpenAsync(context.CancellationToken);
            transaction = await connection.BeginTransactionAsync(context.CancellationToken);
            var inbox = await InboxRecord.LockAsync(
                new TransactionHolder(connection, transaction), messageId, options.ConsumerId, options.ConsumerType, context.CancellationToken);
            return new OutboxStep(connection, transaction, inbox);
        }
        catch (Exception exception)
        {
            await OutboxStep.DisposeAsync(connection, transaction);
            InfrastructureFailed(context, options, timer, exception);
            throw;
        }
    }

    /// <summary>
    /// Lets the wait-queue redelivery hand the message over (and the circuit breaker count the failure) without making it
    /// a fault of the consumer, whose work may have been committed by an earlier attempt.
    /// </summary>
    private static void InfrastructureFailed<T>(ConsumeContext<T> context, OutboxConsumeOptions options, Stopwatch timer, Exception exception)
        where T : class
    {
        if (context.TryGetPayload(out FaultDeferringConsumeContext? redelivery))
        {
            redelivery.InfrastructureFailed(context, timer.Elapsed, options.ConsumerType, exception);
        }
    }

    private sealed record TransactionHolder(Npgsql.NpgsqlConnection Connection, Npgsql.NpgsqlTransaction Transaction) : IDatabaseTransactionContext;

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
