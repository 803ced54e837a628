using MassTransit;
using MassTransit.Middleware;
using MassTransit.Saga;

namespace Ingestion.Persistence.Sagas;

/// <summary>Reads saga instances outside of message consumption (tests, tooling through <c>ILoadSagaRepository</c>).</summary>
internal sealed class PostgresSagaLoadContext<TSaga>(PostgresSagaSession<TSaga> session, CancellationToken cancellationToken)
    : BasePipeContext(cancellationToken), LoadSagaRepositoryContext<TSaga>
    where TSaga : class, ISagaVersion
{
    // MassTransit's interface predates nullable annotations; a missing instance is null, as in its own repositories.
    public async Task<TSaga> Load(Guid correlationId) =>
        (await session.LoadAsync(correlationId, forUpdate: false, CancellationToken))!;
}
