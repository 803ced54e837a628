using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ingestion.Persistence.Sagas;

/// <summary>Selects the PostgreSQL saga repository for a saga registration.</summary>
public static class PostgresSagaRepositoryExtensions
{
    /// <summary>Stores the saga in the table that <typeparamref name="TMap"/> describes.</summary>
    public static ISagaRegistrationConfigurator<TSaga> PostgresRepository<TSaga, TMap>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISagaVersion
        where TMap : SagaTableMap<TSaga>, new()
    {
        ArgumentNullException.ThrowIfNull(configurator);
        configurator.Repository(r =>
        {
            r.TryAddSingleton<SagaTableMap<TSaga>>(_ => new TMap());
            r.RegisterLoadSagaRepository<TSaga, PostgresSagaRepositoryContextFactory<TSaga>>();
            r.RegisterSagaRepository<TSaga, PostgresSagaSession<TSaga>,
                SagaConsumeContextFactory<PostgresSagaSession<TSaga>, TSaga>,
                PostgresSagaRepositoryContextFactory<TSaga>>();
        });
        return configurator;
    }
}
