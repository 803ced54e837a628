using System.Diagnostics;
using Ingestion.Infrastructure.Database;
using MassTransit;
using MassTransit.Middleware;

namespace Ingestion.Infrastructure.Outbox;

/// <summary>
/// Runs a consumed message through MassTransit's outbox pipe, one PostgreSQL transaction per step: consume (the
/// consumer's or saga's writes, the inbox record and the outgoing messages commit together), deliver the stored messages,
/// then forget them. A worker that dies between steps leaves the message unacknowledged; whoever receives it next
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
        await using var connection = await database.OpenAsync(context.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(context.CancellationToken);
        var holder = new TransactionHolder(connection, transaction);
        var inbox = await InboxRecord.LockAsync(holder, messageId, options.ConsumerId, options.ConsumerType, context.CancellationToken);
        using var outboxContext = new PostgresOutboxConsumeContext<T>(context, options, provider, connection, transaction, inbox);
        await next.Send(outboxContext);
        try
        {
            await outboxContext.SaveInboxAsync();
            await transaction.CommitAsync(context.CancellationToken);
        }
        catch (Exception exception)
        {
            // The consumer has reported success; tell the observers that the message failed after all.
            await context.NotifyFaulted(timer.Elapsed, options.ConsumerType, exception);
            throw;
        }

        return outboxContext.ContinueProcessing;
    }

    private sealed record TransactionHolder(Npgsql.NpgsqlConnection Connection, Npgsql.NpgsqlTransaction Transaction) : IDatabaseTransactionContext;
}
