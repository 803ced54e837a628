using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;

namespace Ingestion.Persistence.Sagas;

/// <summary>The repository as one consumed message sees it: every call runs in that message's transaction.</summary>
internal sealed class PostgresSagaRepositoryContext<TSaga, TMessage>(
    PostgresSagaSession<TSaga> session,
    ConsumeContext<TMessage> consumeContext,
    ISagaConsumeContextFactory<PostgresSagaSession<TSaga>, TSaga> factory)
    : ConsumeContextScope<TMessage>(consumeContext, session), SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, ISagaVersion
    where TMessage : class
{
    private readonly ConsumeContext<TMessage> _consumeContext = consumeContext;

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        factory.CreateSagaConsumeContext(session, consumeContext, instance, mode);

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        factory.CreateSagaConsumeContext(session, _consumeContext, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>?> Insert(TSaga instance)
    {
        // Null tells MassTransit the instance already exists, so it loads that one instead.
        return await session.TryInsertAsync(instance, CancellationToken)
            ? await factory.CreateSagaConsumeContext(session, _consumeContext, instance, SagaConsumeContextMode.Insert)
            : null;
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>?> Load(Guid correlationId)
    {
        var instance = await session.LoadAsync(correlationId, forUpdate: true, CancellationToken);
        return instance is null
            ? null
            : await factory.CreateSagaConsumeContext(session, _consumeContext, instance, SagaConsumeContextMode.Load);
    }

    public async Task Save(SagaConsumeContext<TSaga> context)
    {
        // Two first messages for one document can both find no instance; the second insert loses and its
        // message is retried against the instance the first one created.
        if (!await session.TryInsertAsync(context.Saga, CancellationToken))
        {
            throw new SagaConcurrencyException(typeof(TSaga), context.Saga.CorrelationId, "created concurrently by another message");
        }
    }

    public Task Update(SagaConsumeContext<TSaga> context) => session.UpdateAsync(context.Saga, CancellationToken);

    public Task Delete(SagaConsumeContext<TSaga> context) => session.DeleteAsync(context.Saga, CancellationToken);

    // Nothing was written for a discarded or undone instance; the transaction's rollback covers the rest.
    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context) => Task.CompletedTask;
}
