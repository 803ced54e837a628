using Ingestion.Persistence.Database;
using Ingestion.Persistence.Outbox;
using MassTransit;
using MassTransit.Saga;

namespace Ingestion.Persistence.Sagas;

/// <summary>
/// Plugs a PostgreSQL table into MassTransit's saga pipeline: one transaction per consumed message, committed after the
/// state machine ran and before the message is acknowledged. On an endpoint with the durable outbox it is the outbox's
/// transaction, so the new state and the messages the transition sends are committed together.
/// </summary>
internal sealed class PostgresSagaRepositoryContextFactory<TSaga>(
    IngestionDatabase database,
    SagaTableMap<TSaga> map,
    ISagaConsumeContextFactory<PostgresSagaSession<TSaga>, TSaga> factory)
    : ISagaRepositoryContextFactory<TSaga>, ILoadSagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISagaVersion
{
    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class
    {
        await using var session = context.TryGetPayload(out IDatabaseTransactionContext? outbox)
            ? PostgresSagaSession<TSaga>.Enlist(outbox, map)
            : await PostgresSagaSession<TSaga>.BeginAsync(database, map, context.CancellationToken);
        var repositoryContext = new PostgresSagaRepositoryContext<TSaga, T>(session, context, factory);
        await next.Send(repositoryContext);
        await session.CommitAsync(context.CancellationToken);
    }

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class =>
        throw new NotSupportedException(
            $"{typeof(TSaga).Name} events must correlate by CorrelationId; query correlation is not supported by the PostgreSQL saga repository.");

    public async Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        await using var session = await PostgresSagaSession<TSaga>.BeginAsync(database, map, cancellationToken);
        var result = await asyncMethod(new PostgresSagaLoadContext<TSaga>(session, cancellationToken));
        await session.CommitAsync(cancellationToken);
        return result;
    }

    public void Probe(ProbeContext context) => context.Add("persistence", "postgresql");
}
