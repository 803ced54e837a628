using Ingestion.Audit.Staging;
using Ingestion.Messaging.Fleet;
using Ingestion.Messaging.Telemetry;
using Ingestion.Saga.Documents;
using Ingestion.Saga.Review;
using MassTransit;
using MassTransit.Events;
using MassTransit.Metadata;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.UnitTests.Saga;

/// <summary>
/// The document saga on MassTransit's in-memory test harness: in-memory transport, in-memory saga repository, and the
/// transition audit recorded in memory. No broker, no database.
/// </summary>
internal sealed class SagaHarness : IAsyncDisposable
{
    public const string WorkerId = "harness-worker";

    private readonly ServiceProvider _provider;

    private SagaHarness(ServiceProvider provider, RecordedTransitions audit)
    {
        _provider = provider;
        Audit = audit;
        Harness = provider.GetRequiredService<ITestHarness>();
        Saga = Harness.GetSagaStateMachineHarness<DocumentIngestionStateMachine, DocumentIngestionState>();
    }

    public ITestHarness Harness { get; }

    // The harness's lists wait for more matches, holding their lock, unless told not to: a snapshot is taken with a
    // token that is already cancelled.
    private static CancellationToken Now { get; } = new(canceled: true);

    public ISagaStateMachineTestHarness<DocumentIngestionStateMachine, DocumentIngestionState> Saga { get; }

    public DocumentIngestionStateMachine Machine => Saga.StateMachine;

    public RecordedTransitions Audit { get; }

    public static async Task<SagaHarness> StartAsync()
    {
        FleetQueues.MapSendConventions();
        var audit = new RecordedTransitions();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddOptions<WorkerOptions>().Configure(o => o.WorkerId = WorkerId);
        services.AddSingleton<WorkerIdentity>();
        services.AddSingleton<IngestionMetrics>();
        services.AddSingleton<AuditEntryFactory>();
        services.AddSingleton<ITransitionAuditWriter>(audit);
        services.AddSingleton<TransitionAudit>();
        services.AddSingleton<IReviewDecisionCheck, SignedReviewDecisions>();
        services.AddMassTransitTestHarness(x =>
        {
            // Generous: on a loaded machine a quiet second must not end the test (the harness stops waiting once inactive).
            x.SetTestTimeouts(testTimeout: TimeSpan.FromSeconds(20), testInactivityTimeout: TimeSpan.FromSeconds(30));
            x.AddSagaStateMachine<DocumentIngestionStateMachine, DocumentIngestionState>().InMemoryRepository();
        });
        var provider = services.BuildServiceProvider(validateScopes: true);
        var harness = new SagaHarness(provider, audit);
        await harness.Harness.Start();
        return harness;
    }

    /// <summary>Publishes <paramref name="message"/> and waits until the saga's endpoint has consumed it.</summary>
    public async Task PublishAsync<T>(T message)
        where T : class
    {
        var messageId = NewId.NextGuid();
        await Harness.Bus.Publish(message, c => c.MessageId = messageId);
        Assert.That(await Harness.Consumed.Any<T>(m => m.Context.MessageId == messageId), Is.True, () => $"{typeof(T).Name} {messageId} consumed; {Explain()}");
    }

    private string Explain() =>
        "published: " + string.Join(", ", Harness.Published.Select(_ => true, Now).Select(m => m.MessageType.Name)) +
        "; consumed: " + string.Join(", ", Harness.Consumed.Select(_ => true, Now).Select(m => m.MessageType.Name + (m.Exception is null ? string.Empty : " faulted: " + m.Exception.Message)));

    /// <summary>Publishes the fault MassTransit publishes when a stage gives up on <paramref name="command"/>, and waits until it is consumed.</summary>
    public async Task PublishFaultAsync<T>(T command)
        where T : class
    {
        var messageId = NewId.NextGuid();
        var fault = new FaultEvent<T>(
            command, NewId.NextGuid(), HostMetadataCache.Host, new TimeoutException("The stage timed out."), [MessageUrn.ForTypeString<T>()]);
        await Harness.Bus.Publish<Fault<T>>(
            fault,
            c => c.MessageId = messageId);
        Assert.That(await Harness.Consumed.Any<Fault<T>>(m => m.Context.MessageId == messageId), Is.True, $"Fault<{typeof(T).Name}> consumed");
    }

    /// <summary>Waits until the document's saga is in <paramref name="state"/>.</summary>
    public async Task InStateAsync(Guid correlationId, Func<DocumentIngestionStateMachine, State> state)
    {
        var expected = state(Machine);
        Assert.That(
            await Saga.Exists(correlationId, state), Is.EqualTo(correlationId),
            $"the document in {expected.Name}, not {Instance(correlationId)?.CurrentState ?? "absent"}");
    }

    /// <summary>The document's saga instance as the repository holds it, or null.</summary>
    public DocumentIngestionState? Instance(Guid correlationId) =>
        Saga.Sagas.Select(s => s.CorrelationId == correlationId, Now).Select(s => s.Saga).FirstOrDefault();

    /// <summary>How many saga instances the repository holds for the document.</summary>
    public int SagaCount(Guid correlationId) => Saga.Sagas.Select(s => s.CorrelationId == correlationId, Now).Count();

    /// <summary>The messages of type <typeparamref name="T"/> the saga sent about the document so far.</summary>
    public IReadOnlyList<T> Sent<T>(Guid correlationId, Func<T, Guid> correlation)
        where T : class =>
        Harness.Sent.Select<T>(m => correlation(m.Context.Message) == correlationId, Now).Select(m => m.Context.Message).ToList();

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
